import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startHostileServer, stillAnswers, type HostileServer } from './hostile-server';
import { frame, openRaw } from './raw-socket';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

// Frames no browser sends, each on its own connection of one real server process. Before issue 12
// any of them ended the process (no 'error' listener on the server-side socket). Each must now close
// only its own connection, with the close code RFC 6455 gives for it, log one line, and leave the
// server answering.

let root: string;
let server: HostileServer;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'studio-frames-'));
  server = await startHostileServer(join(root, 'data'));
});
afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

const cases: { name: string; bytes: () => Buffer; code: number; logged: RegExp }[] = [
  // 2 header bytes + 4 mask bytes + 8 payload bytes: the 14-byte frame of the issue.
  { name: 'a reserved opcode (14 bytes)', bytes: () => frame(0x3, Buffer.alloc(8)), code: 1002, logged: /invalid opcode 3/ },
  { name: 'RSV1 set without an extension', bytes: () => frame(0x1, Buffer.from('{}'), { firstByteBits: 0x40 }), code: 1002, logged: /RSV1 must be clear/ },
  { name: 'invalid UTF-8 in a text frame', bytes: () => frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), code: 1007, logged: /invalid UTF-8/ },
  { name: 'an unmasked client frame', bytes: () => frame(0x1, Buffer.from('{}'), { masked: false }), code: 1002, logged: /MASK must be set/ },
  { name: 'a length over the 16 MiB limit', bytes: () => frame(0x2, Buffer.alloc(0), { announcedLength: 17 * 1024 * 1024 }), code: 1009, logged: /Max payload size exceeded/ },
];

describe('hostile frames', () => {
  for (const c of cases) {
    it(`closes the connection on ${c.name} with ${c.code}, logs it and keeps serving`, async () => {
      const raw = await openRaw(server);
      expect(raw.status).toBe(101);
      raw.socket.write(c.bytes());
      expect(await raw.closed).toBe(c.code);
      expect(await stillAnswers(server)).toBe(true);
      const lines = server.stderr().split('\n').filter((line) => c.logged.test(line));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^studio serve: 127\.0\.0\.1:\d+: closed: /);
    });
  }

  it('answers a 1,000,000-deep JSON message with an error and keeps serving', async () => {
    const client = await connectClient(server);
    try {
      const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
      const reply = new Promise((resolve) => client.ws.on('message', (data) => resolve(JSON.parse(data.toString()))));
      client.ws.send(`{"t":"call","id":7,"method":"settings.update","input":{"gpu":${deep}}}`);
      expect(await reply).toMatchObject({ t: 'result', id: 7, ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^invalid input for settings\.update: gpu/) } });
      expect((await client.call('app.info', {})).ok).toBe(true);
    } finally {
      client.close();
    }
    expect(await stillAnswers(server)).toBe(true);
  });
});
