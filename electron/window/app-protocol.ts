import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { resolveInside, SERVE_CSP } from '../server/static-files';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2',
};

/** Answers a `studio://app/...` request from the built renderer folder, with the strict CSP. */
export async function appProtocolResponse(rendererDir: string, url: string): Promise<Response> {
  const path = new URL(url).pathname;
  const file = resolveInside(rendererDir, path === '/' ? '/index.html' : path);
  const body = file ? await readFile(file).catch(() => null) : null;
  if (!file || !body) return new Response('not found', { status: 404 });
  return new Response(body, {
    headers: { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': SERVE_CSP },
  });
}
