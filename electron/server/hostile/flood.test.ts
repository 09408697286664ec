import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONNECTIONS } from '../limits';
import { connectClient, startHostileServer, stillAnswers, type HostileServer, type RpcClient } from './hostile-server';

// Clients that take without giving back, against a real server process. Before issue 12 a client
// that never read its socket made the server buffer every reply (60 avatar calls: 1.24 GB), and
// connections were unlimited.

const AVATAR_BYTES = 6 * 1024 * 1024; // an 8 MiB reply each once in base64
const CALLS = 200; // 1.6 GiB of replies if all were buffered
/** RSS the flood may add to the server: 16 avatar calls in flight (~14 MiB each) and 32 MiB queued, plus GC slack; unbounded it was 1.3 GiB. */
const RSS_GROWTH_BOUND = 320 * 1024 * 1024;

let root: string;
let server: HostileServer;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'studio-flood-'));
  server = await startHostileServer(join(root, 'data'));
});
afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (test: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (test()) return true;
  return test();
};

describe('flooding clients', () => {
  it('disconnects a client that never reads, with RSS bounded, and keeps serving', async () => {
    const setup = await connectClient(server);
    const created = await setup.call('characters.create', { template: 'blank', name: 'Flood', language: 'en' });
    const id = (created.value as { id: string }).id;
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(AVATAR_BYTES - 3)]);
    expect((await setup.call('characters.setAvatar', { id, fileName: 'a.jpg', dataBase64: jpeg.toString('base64') })).ok).toBe(true);
    setup.close();

    const before = await server.rss();
    const reader = await connectClient(server);
    reader.ws.pause(); // stops reading its socket: replies can only pile up on the server
    for (let n = 0; n < CALLS; n++) reader.ws.send(JSON.stringify({ t: 'call', id: n + 1, method: 'characters.avatar', input: { id } }));
    let peak = before;
    const disconnected = await until(() => {
      void server.rss().then((rss) => (peak = Math.max(peak, rss)));
      return /disconnected: \d+ bytes of replies are waiting/.test(server.stderr());
    }, 45_000);
    const after = await server.rss();
    reader.ws.terminate();
    console.log(`flood: RSS before ${(before / 2 ** 20).toFixed(0)} MiB, peak ${(peak / 2 ** 20).toFixed(0)} MiB, after ${(after / 2 ** 20).toFixed(0)} MiB`);
    expect(disconnected).toBe(true);
    expect(peak - before).toBeLessThan(RSS_GROWTH_BOUND);
    expect(await stillAnswers(server)).toBe(true);
  });

  it(`refuses connection ${MAX_CONNECTIONS + 1} with 503 before the upgrade, and takes one again once one closes`, async () => {
    const clients: RpcClient[] = [];
    try {
      for (let n = 0; n < MAX_CONNECTIONS; n++) clients.push(await connectClient(server));
      await expect(connectClient(server)).rejects.toThrow('refused 503');
      expect(await until(() => /refused: already 32 connections/.test(server.stderr()), 2_000)).toBe(true);
      const closed = new Promise((resolve) => clients[0]!.ws.once('close', resolve));
      clients.shift()!.close();
      await closed;
      // The server counts the connection gone once its side has closed too, a moment later.
      let again: RpcClient | null = null;
      for (let tries = 0; !again && tries < 20; tries++) {
        again = await connectClient(server).catch(() => null);
        if (!again) await sleep(100);
      }
      expect(again).not.toBeNull();
      clients.push(again!);
      expect((await again!.call('app.info', {})).ok).toBe(true);
    } finally {
      for (const client of clients) client.close();
    }
    await sleep(300); // the server sees the closes a moment later
    expect(await stillAnswers(server)).toBe(true);
  });
});
