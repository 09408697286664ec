import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';

// Test support for the hostile-client suite: starts a real server process on a data folder, samples
// its memory, and talks to it as a well-behaved client does, so each test can attack it and then prove
// it still answers.

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface HostileServer {
  /** http://127.0.0.1:PORT/ (with ?token=… in remote mode). */
  url: string;
  port: number;
  origin: string;
  /** The token of the printed URL (remote mode), used by connectClient unless told otherwise. */
  token?: string;
  child: ChildProcess;
  /** What the server wrote to stderr so far (logged socket errors land here). */
  stderr: () => string;
  /** Resident memory of the server process, in bytes (Linux /proc). */
  rss: () => Promise<number>;
  /** True while the process runs. */
  alive: () => boolean;
  stop: () => Promise<void>;
}

/** Starts serve-child.ts on `dataDir` (its parent folder also gets a stand-in renderer). */
export async function startHostileServer(dataDir: string, args: string[] = []): Promise<HostileServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/server/hostile/serve-child.ts', '--data', dataDir, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token');
  return {
    url,
    port: Number(parsed.port),
    origin: parsed.origin,
    ...(token ? { token } : {}),
    child,
    stderr: () => stderr,
    rss: async () => {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface RpcReply {
  t: 'result';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** A well-behaved client: the page's own origin, JSON calls answered by id. */
export interface RpcClient {
  ws: WebSocket;
  call: (method: string, input: unknown, timeoutMs?: number) => Promise<RpcReply>;
  /** Opens a stream and resolves with its final result (packets are dropped). */
  stream: (method: string, input: unknown, timeoutMs?: number) => Promise<RpcReply>;
  close: () => void;
}

export function rpcUrl(server: HostileServer, token?: string): string {
  return `ws://127.0.0.1:${server.port}/rpc${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/**
 * Opens a WebSocket as the studio's page would (Origin = the server's own origin, the server's token
 * in remote mode; `token: ''` sends none).
 */
export function connectClient(server: HostileServer, options: { token?: string; headers?: Record<string, string>; origin?: string } = {}): Promise<RpcClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(rpcUrl(server, options.token ?? server.token), { origin: options.origin ?? server.origin, headers: options.headers });
    let nextId = 1;
    const waiting = new Map<number, (reply: RpcReply) => void>();
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as RpcReply;
      if (message.t === 'result') waiting.get(message.id)?.(message);
    });
    const open = (t: 'call' | 'stream') => (method: string, input: unknown, timeoutMs = 20_000) =>
      new Promise<RpcReply>((done, fail) => {
        const id = nextId++;
        const timer = setTimeout(() => fail(new Error(`${method}: no reply in ${timeoutMs} ms`)), timeoutMs);
        waiting.set(id, (reply) => {
          clearTimeout(timer);
          waiting.delete(id);
          done(reply);
        });
        ws.send(JSON.stringify({ t, id, method, input }));
      });
    ws.once('open', () => resolve({ ws, close: () => ws.close(), call: open('call'), stream: open('stream') }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Proves the server still serves a fresh, well-behaved client. */
export async function stillAnswers(server: HostileServer): Promise<boolean> {
  if (!server.alive()) return false;
  const client = await connectClient(server);
  try {
    const reply = await client.call('app.info', {});
    return reply.ok;
  } finally {
    client.close();
  }
}

/** A test file's server on a fresh data folder, with a connected client; `restart` keeps the folder. */
export interface HostileFixture {
  dataDir: string;
  server: HostileServer;
  client: RpcClient;
  restart: () => Promise<void>;
}

/** Starts one server (and client) before the file's tests and removes everything after them. */
export function useHostileServer(prefix: string): HostileFixture {
  let root = '';
  const fixture: HostileFixture = {
    dataDir: '',
    server: undefined as unknown as HostileServer,
    client: undefined as unknown as RpcClient,
    restart: async () => {
      fixture.client.close();
      await fixture.server.stop();
      fixture.server = await startHostileServer(fixture.dataDir);
      fixture.client = await connectClient(fixture.server);
    },
  };
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), prefix));
    fixture.dataDir = join(root, 'data');
    fixture.server = await startHostileServer(fixture.dataDir);
    fixture.client = await connectClient(fixture.server);
  });
  afterAll(async () => {
    fixture.client?.close();
    await fixture.server?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });
  return fixture;
}
