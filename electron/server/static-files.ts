import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

// Serves the built renderer. Only files inside `root` are ever read: the URL path is normalised and
// checked against the root, so `..` or encoded separators cannot escape it.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The Content-Security-Policy of the served page: same origin only, no inline scripts. */
export const SERVE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Resolves a URL path to a file inside `root`, or null if it would leave it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(join(base, normalize(decoded)));
  return target === base || target.startsWith(base + sep) ? target : null;
}

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = {
    'Content-Security-Policy': SERVE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  let file = resolveInside(root, req.url ?? '/');
  if (!file) {
    res.writeHead(400, headers).end('bad path');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    // Client-side routes fall back to the app; missing assets stay 404s.
    if (extname(file)) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    file = join(resolve(root), 'index.html');
  }
  const body = await readFile(file).catch(() => null);
  if (!body) {
    res.writeHead(500, headers).end('the renderer is not built: run `npm run build`');
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
