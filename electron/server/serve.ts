import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { StudioError } from '../../shared/contract/errors';
import { createRpcSession } from '../host/rpc-session';
import type { Studio } from '../host/studio';
import { isLoopbackHost, refuseUpgrade } from './access';
import { serveStatic } from './static-files';

/** How `studio serve` listens. */
export interface ServeOptions {
  host: string;
  port: number;
  /** Required to bind anywhere but loopback. */
  allowRemote: boolean;
  /** Token for remote access; generated when remote access is allowed and none is given. */
  token?: string;
  rendererDir: string;
}

export interface RunningServer {
  url: string;
  token: string | null;
  server: Server;
  close: () => Promise<void>;
}

export const DEFAULT_PORT = 7345;
export const RPC_PATH = '/rpc';

/** Starts the HTTP + WebSocket server that carries the contract to a browser. */
export async function startServer(studio: Studio, options: ServeOptions): Promise<RunningServer> {
  const remote = !isLoopbackHost(options.host);
  if (remote && !options.allowRemote) {
    throw new StudioError('unauthorized', `refusing to listen on ${options.host}: binding beyond loopback needs --allow-remote (a token will be required)`);
  }
  const token = remote ? (options.token ?? randomBytes(18).toString('base64url')) : null;

  const server = createServer((req, res) => {
    serveStatic(options.rendererDir, req, res).catch(() => res.writeHead(500).end());
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const refusal = path === RPC_PATH ? refuseUpgrade(req, token) : 'unknown path';
    if (refusal) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\n${refusal}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = createRpcSession(studio.dispatcher, studio.events, (message) => ws.send(JSON.stringify(message)));
      ws.on('message', (data) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(data.toString());
        } catch {
          return;
        }
        session.receive(parsed);
      });
      ws.on('close', () => session.close());
    });
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
