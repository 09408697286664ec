import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { StudioError } from '../../shared/contract/errors';

// Who may talk to `studio serve`.
// - Loopback mode: only the names of this machine's loopback on the bound port may appear in Host.
//   A page of another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) still sends its
//   own name in Host, so it is refused before it reads anything, files or RPC.
// - With --allow-remote: the server can be reached under names it cannot know (a LAN name, a proxy),
//   so Host is not restricted; instead the token is required on every WebSocket and every request to
//   the OpenAI-compatible API (`/v1/…`), whatever the bind address. A rebinding page cannot know the token.
// In both modes an Origin, when sent (browsers always send it on a WebSocket and on a cross-site POST),
// must be the Host itself, so a page of another site cannot drive the studio even with the right name.

/** Shorter tokens can be guessed online; generated ones are 24 characters. */
export const MIN_TOKEN_LENGTH = 16;

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** What the server enforces once it knows its port. */
export interface AccessPolicy {
  /** `name:port` values accepted in Host; null accepts any (remote mode, the token guards). */
  hosts: Set<string> | null;
  token: string | null;
}

/** Checks the bind and token options before anything starts; returns the token remote mode uses. */
export function accessToken(options: { host: string; allowRemote: boolean; token?: string }): string | null {
  if (!options.allowRemote) {
    if (!isLoopbackHost(options.host)) {
      throw new StudioError('unauthorized', `refusing to listen on ${options.host}: binding beyond loopback needs --allow-remote (a token will be required)`);
    }
    if (options.token !== undefined) throw new StudioError('invalid_input', '--token is only used with --allow-remote (loopback mode checks Host and Origin instead)');
    return null;
  }
  if (options.token === undefined) return randomBytes(18).toString('base64url');
  if (options.token.length < MIN_TOKEN_LENGTH) {
    const what = options.token === '' ? 'is empty' : `has ${options.token.length} characters`;
    throw new StudioError('invalid_input', `--token ${what}; it needs at least ${MIN_TOKEN_LENGTH} (leave it out to have one generated)`);
  }
  return options.token;
}

function hostName(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** The policy for a server bound to `host:port`. */
export function accessPolicy(options: { host: string; port: number; allowRemote: boolean }, token: string | null): AccessPolicy {
  if (options.allowRemote) return { hosts: null, token };
  const names = new Set(['localhost', '127.0.0.1', '[::1]', hostName(options.host.toLowerCase())]);
  // Browsers leave the port out of Host on port 80.
  const hosts = new Set([...names].flatMap((name) => (options.port === 80 ? [`${name}:80`, name] : [`${name}:${options.port}`])));
  return { hosts, token };
}

/** A refusal: the HTTP status and a one-line reason. */
export interface Refusal {
  status: 401 | 403 | 421;
  reason: string;
}

/** Why a plain HTTP request (or the start of an upgrade) is refused, or null. */
export function refuseRequest(req: IncomingMessage, policy: AccessPolicy): Refusal | null {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined) return { status: 421, reason: 'no Host header' };
  if (policy.hosts && !policy.hosts.has(host)) return { status: 421, reason: `host ${host} is not this studio` };
  return null;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why the Origin of a request is refused, or null: an Origin, when sent, must be the Host it came to (a
 * browser sends it on every WebSocket and on cross-site POSTs, so another site's page is refused).
 */
function refuseOrigin(req: IncomingMessage): Refusal | null {
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let same: boolean;
  try {
    // Both through URL, so default ports and letter case compare equal.
    same = new URL(origin).host === new URL(`http://${req.headers.host}`).host;
  } catch {
    return { status: 403, reason: 'bad origin' };
  }
  return same ? null : { status: 403, reason: `origin ${origin} is not this studio` };
}

/** Why a WebSocket upgrade is refused, or null when it is allowed. */
export function refuseUpgrade(req: IncomingMessage, policy: AccessPolicy): Refusal | null {
  const refusal = refuseRequest(req, policy) ?? refuseOrigin(req);
  if (refusal) return refusal;
  if (policy.token !== null) {
    const given = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
    if (!sameToken(given, policy.token)) return { status: 403, reason: 'missing or wrong token' };
  }
  return null;
}

/**
 * Why a request to the OpenAI-compatible API (`/v1/…`) is refused, or null: Host and Origin as for a
 * WebSocket, and in remote mode the token as OpenAI clients send their API key
 * (`Authorization: Bearer <token>`); a missing or wrong one is a 401, which those clients name as such.
 */
export function refuseApiRequest(req: IncomingMessage, policy: AccessPolicy): Refusal | null {
  const refusal = refuseRequest(req, policy) ?? refuseOrigin(req);
  if (refusal) return refusal;
  if (policy.token !== null) {
    const given = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!sameToken(given, policy.token)) return { status: 401, reason: 'missing or wrong API key: send the token that `studio serve --allow-remote` printed as `Authorization: Bearer <token>`' };
  }
  return null;
}
