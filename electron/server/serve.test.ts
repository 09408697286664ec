import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createStudio, type Studio } from '../host/studio';
import { useTempDir } from '../test-support/temp-dir';
import { startServer, type RunningServer } from './serve';
import { resolveInside } from './static-files';

const tempDir = useTempDir();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(options: Partial<Parameters<typeof startServer>[1]> = {}): Promise<{ studio: Studio; running: RunningServer; rendererDir: string }> {
  const root = await tempDir();
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<title>studio</title>');
  await writeFile(join(root, 'secret.txt'), 'secret');
  const studio = await createStudio({ dataDir: join(root, 'data'), transport: 'serve' });
  const running = await startServer(studio, { host: '127.0.0.1', port: 0, allowRemote: false, rendererDir, ...options });
  cleanups.push(async () => {
    await running.close();
    await studio.dispose();
  });
  return { studio, running, rendererDir };
}

function rpcUrl(running: RunningServer, token?: string): string {
  const url = new URL(running.url);
  return `ws://${url.host}/rpc${token ? `?token=${token}` : ''}`;
}

function connect(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9);
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.t === 'result' && message.id === id) resolve(message);
    });
    ws.send(JSON.stringify({ t: 'call', id, method, input }));
  });
}

describe('studio serve', () => {
  it('carries the contract over WebSocket and reports bad input clearly', async () => {
    const { running } = await serve();
    const origin = new URL(running.url).origin;
    const ws = await connect(rpcUrl(running), origin);
    expect(await call(ws, 'models.list', {})).toEqual({ t: 'result', id: expect.any(Number), ok: true, value: [] });
    const bad = await call(ws, 'models.setDefault', { id: 42 });
    expect(bad.ok).toBe(false);
    expect(bad.error?.message).toMatch(/^invalid input for models\.setDefault: id:/);
    ws.close();
  });

  it('refuses WebSocket connections from other origins', async () => {
    const { running } = await serve();
    await expect(connect(rpcUrl(running), 'https://evil.example')).rejects.toThrow('refused 403');
  });

  it('refuses a non-loopback bind without --allow-remote, and requires the token with it', async () => {
    await expect(serve({ host: '0.0.0.0' })).rejects.toThrow(/--allow-remote/);
    const { running } = await serve({ host: '0.0.0.0', allowRemote: true, token: 'sesame-open-sesame-1' });
    expect(running.url).toContain('?token=sesame-open-sesame-1');
    const local = `ws://127.0.0.1:${new URL(running.url).port}/rpc`;
    await expect(connect(local)).rejects.toThrow('refused 403');
    const ws = await connect(`${local}?token=sesame-open-sesame-1`);
    ws.close();
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const { running, rendererDir } = await serve();
    const page = await fetch(running.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await (await fetch(new URL('/%2e%2e/secret.txt', running.url))).text()).not.toBe('secret');
    expect(resolveInside(rendererDir, '/../secret.txt')).toBe(join(rendererDir, 'secret.txt'));
    expect(resolveInside(rendererDir, '/%2e%2e/%2e%2e/secret.txt')).toBe(join(rendererDir, 'secret.txt'));
    expect(resolveInside(rendererDir, '/a%00b')).toBeNull();
  });
});
