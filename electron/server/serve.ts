import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Studio } from '../host/studio';
import { accessPolicy, accessToken, refuseApiRequest, refuseRequest, refuseUpgrade, type AccessPolicy } from './access';
import { API_PREFIX, handleApiRequest } from './api/api-routes';
import { sendRefusal } from './api/api-errors';
import { GenerationGate } from './api/generation-gate';
import { MAX_API_GENERATIONS, MAX_API_WAITING, MAX_CONNECTIONS, MAX_MESSAGE_BYTES, MAX_SOCKETS } from './limits';
import { serveStatic } from './static-files';
import { serveConnection } from './ws-connection';

/** How `studio serve` listens. */
export interface ServeOptions {
  host: string;
  port: number;
  /** Required to bind anywhere but loopback; makes the token required on every connection. */
  allowRemote: boolean;
  /** Token for remote access (at least 16 characters); generated when remote access is allowed and none is given. */
  token?: string;
  rendererDir: string;
  /** Where socket errors and disconnects are reported, one line each; stderr by default. */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  token: string | null;
  server: Server;
  close: () => Promise<void>;
}

export const DEFAULT_PORT = 7345;
export const RPC_PATH = '/rpc';

/** The path of a request target, or null for a target that is no URL path (`//`, `http://[`): parsing those throws. */
function pathOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://x').pathname;
  } catch {
    return null;
  }
}

function peerOf(socket: Duplex): string {
  const { remoteAddress, remotePort } = socket as Socket;
  return `${remoteAddress ?? '?'}:${remotePort ?? '?'}`;
}

/** Answers a raw socket with an HTTP error and closes it (no request object exists to do it). */
function refuseSocket(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n`;
  socket.end(head + reason, () => socket.destroy());
}

/** Starts the HTTP + WebSocket server that carries the contract to a browser. */
export async function startServer(studio: Studio, options: ServeOptions): Promise<RunningServer> {
  const token = accessToken(options);
  const log = options.log ?? ((line: string) => process.stderr.write(`studio serve: ${line}\n`));
  // Built on the first request: only then is the port known (it may be chosen by the system).
  let policy: AccessPolicy | null = null;
  const access = (): AccessPolicy =>
    (policy ??= accessPolicy({ host: options.host, port: (server.address() as AddressInfo).port, allowRemote: options.allowRemote }, token));

  const api = { openai: studio.services.openai, gate: new GenerationGate(MAX_API_GENERATIONS, MAX_API_WAITING) };
  const server = createServer((req, res) => {
    const path = pathOf(req.url);
    if (path === API_PREFIX || path?.startsWith(`${API_PREFIX}/`)) {
      const refusal = refuseApiRequest(req, access());
      if (refusal) {
        sendRefusal(res, refusal);
        return;
      }
      const peer = peerOf(req.socket);
      handleApiRequest(req, res, path, { ...api, log: (line) => log(`${peer}: ${line}`) }).catch((error: unknown) => log(`${peer}: ${(error as Error).message}`));
      return;
    }
    const refusal = refuseRequest(req, access());
    if (refusal) {
      res.writeHead(refusal.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(refusal.reason);
      return;
    }
    serveStatic(options.rendererDir, req, res).catch(() => res.writeHead(500).end());
  });
  server.maxConnections = MAX_SOCKETS;
  // Malformed HTTP: Node's parser reports it here; answer it and close that socket only.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    log(`${peerOf(socket)}: bad HTTP request: ${error.message}`);
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    refuseSocket(socket, status, STATUS_CODES[status] ?? 'bad request');
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const peer = peerOf(socket);
    // Node hands the raw socket over without an error listener; a reset here would end the process.
    // This one stays for the connection's life, so it also logs resets after the upgrade.
    socket.on('error', (error) => log(`${peer}: ${error.message}`));
    const refusal = pathOf(req.url) === RPC_PATH ? refuseUpgrade(req, access()) : { status: 404, reason: 'unknown path' };
    if (refusal) {
      refuseSocket(socket, refusal.status, refusal.reason);
      return;
    }
    if (wss.clients.size >= MAX_CONNECTIONS) {
      log(`${peer}: refused: already ${wss.clients.size} connections`);
      refuseSocket(socket, 503, `the studio already has ${MAX_CONNECTIONS} connections; close one and retry`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, studio, (line) => log(`${peer}: ${line}`)));
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolvePromise());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}/${token ? `?token=${token}` : ''}`;
  return {
    url,
    token,
    server,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
