import { StudioError } from '../../../../shared/contract/errors';
import type { UrlGuard } from './address-guard';

// One GET that follows redirects by hand: every hop is checked before it is fetched (remote serve mode
// refuses private hosts), the hub's checksum header on the first hop is kept (the storage it redirects
// to does not repeat it), and the token goes only to hops on the configured hub's origin — never to the
// storage an LFS file redirects to, nor to any other host.

const MAX_REDIRECTS = 5;

/** A bearer token and the one origin (scheme, host, port) it may be sent to. */
export interface HubAuthorization {
  origin: string;
  token: string;
}

/** How to make the request. */
export interface HttpGetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  checkUrl?: UrlGuard;
  authorization?: HubAuthorization;
}

/** The final response, and the LFS sha256 a hop announced in `X-Linked-Etag`. */
export interface HttpGetResult {
  response: Response;
  url: string;
  linkedSha256?: string;
}

/** GETs `url`, following up to five redirects; network failures reject as fetch does. */
export async function httpGet(url: string, options: HttpGetOptions = {}): Promise<HttpGetResult> {
  let current = url;
  let linkedSha256: string | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const target = new URL(current);
    await options.checkUrl?.(target);
    const headers = { ...options.headers };
    if (options.authorization && target.origin === options.authorization.origin) headers.authorization = `Bearer ${options.authorization.token}`;
    const response = await fetch(current, { headers, redirect: 'manual', signal: options.signal });
    const linked = response.headers.get('x-linked-etag')?.replace(/"/g, '');
    if (linked && /^[0-9a-f]{64}$/.test(linked)) linkedSha256 ??= linked;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).toString();
      continue;
    }
    return { response, url: current, ...(linkedSha256 ? { linkedSha256 } : {}) };
  }
  throw new StudioError('failed', `${url}: too many redirects`);
}

/** The network error's own words ("ECONNREFUSED", "other side closed"), not fetch's "fetch failed". */
export function networkDetail(error: unknown): string {
  const cause = (error as Error).cause;
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
  return (error as Error).message;
}

/** The body as text, refused once it passes `limit` bytes (a stranger's server may send without end). */
export async function readBounded(response: Response, limit: number, what: string, verdict: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    // throwing out of the loop cancels the rest of the body
    if (size > limit) throw new StudioError('bad_file', `${what}: larger than ${limit} bytes; ${verdict}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
