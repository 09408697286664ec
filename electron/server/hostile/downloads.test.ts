import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startHostileServer, stillAnswers, type HostileServer } from './hostile-server';

// In remote mode a stranger asks the server to fetch a URL: it must not become a probe of the
// server's own network. A local HTTP server stands for a service on it and records what reaches it.

const TOKEN = 'a-token-of-twenty-chars';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(args: string[]): Promise<HostileServer> {
  const root = await mkdtemp(join(tmpdir(), 'studio-downloads-'));
  const server = await startHostileServer(join(root, 'data'), args);
  cleanups.push(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });
  return server;
}

async function localService(): Promise<{ port: number; hits: string[] }> {
  const hits: string[] = [];
  const service: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/hop') res.writeHead(302, { location: `http://127.0.0.1:${(service.address() as AddressInfo).port}/m.gguf` }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => service.close(() => resolve())));
  return { port: (service.address() as AddressInfo).port, hits };
}

describe('models.download in remote mode', () => {
  it('refuses loopback and private hosts, by address and by name, without connecting to them', async () => {
    const { port, hits } = await localService();
    const server = await start(['--allow-remote', '--token', TOKEN]);
    const client = await connectClient(server);
    for (const source of [`http://127.0.0.1:${port}/m.gguf`, `http://localhost:${port}/m.gguf`, 'http://[::1]/m.gguf', 'http://169.254.169.254/m.gguf', 'http://10.0.0.1/m.gguf']) {
      const reply = await client.stream('models.download', { source });
      expect(reply, source).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/^refusing to download from .*--allow-private-downloads/) } });
    }
    expect(hits).toEqual([]);
    client.close();
    expect(await stillAnswers(server)).toBe(true);
  });

  it('refuses models.get from a mirror on the server\'s own network, set by the remote user, before its file list is asked for', async () => {
    const { port, hits } = await localService();
    const server = await start(['--allow-remote', '--token', TOKEN]);
    const client = await connectClient(server);
    expect((await client.call('settings.update', { hubEndpoint: `http://127.0.0.1:${port}` })).ok).toBe(true);
    const reply = await client.stream('models.get', { repo: 'THUDM/chatglm2-6b' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/^refusing to download from 127\.0\.0\.1:\d+: it is an address on the server's own network/) } });
    expect(hits).toEqual([]);
    client.close();
  });

  it('reaches them when started with --allow-private-downloads', async () => {
    const { port, hits } = await localService();
    const server = await start(['--allow-remote', '--token', TOKEN, '--allow-private-downloads']);
    const client = await connectClient(server);
    const reply = await client.stream('models.download', { source: `http://127.0.0.1:${port}/hop` });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/answered 404/) } });
    expect(hits).toEqual(['/hop', '/m.gguf']);
    client.close();
  });
});
