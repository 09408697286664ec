import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Who may talk to `studio serve`. On loopback, only pages the server itself served (same Origin), so a
// website open in another tab cannot drive the studio. Off loopback, additionally the printed token.

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a WebSocket upgrade is refused, or null when it is allowed. */
export function refuseUpgrade(req: IncomingMessage, token: string | null): string | null {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return 'bad origin';
    }
    if (originHost !== host) return `origin ${origin} is not this studio`;
  }
  if (token !== null) {
    const given = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
    if (!sameToken(given, token)) return 'missing or wrong token';
  }
  return null;
}
