import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { connectClient, startHostileServer, stillAnswers, type HostileServer } from './hostile-server';

// Messages that are JSON but not the protocol, sent to a real server process. Before issue 12 an
// envelope with a non-integer id or an over-long method name got no reply, so its caller waited for
// ever. Now every envelope that carries a usable id is answered, and the rest are dropped.
// (A reply that cannot be serialised is provoked in rpc-session.test.ts with a fake dispatcher.)

let root: string;
let server: HostileServer;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'studio-envelopes-'));
  server = await startHostileServer(join(root, 'data'));
});
afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

/** Sends raw text and collects every reply for `ms`. */
async function repliesTo(ws: WebSocket, texts: string[], ms = 500): Promise<unknown[]> {
  const replies: unknown[] = [];
  const onMessage = (data: WebSocket.RawData): void => void replies.push(JSON.parse(data.toString()));
  ws.on('message', onMessage);
  for (const text of texts) ws.send(text);
  await new Promise((r) => setTimeout(r, ms));
  ws.off('message', onMessage);
  return replies;
}

describe('hostile envelopes', () => {
  it('answers every envelope that carries an id, naming the problem, and drops the rest', async () => {
    const client = await connectClient(server);
    const replies = await repliesTo(client.ws, [
      '{"t":"call","id":1.5,"method":"app.info","input":{}}',
      `{"t":"call","id":2,"method":"${'m'.repeat(1000)}","input":{}}`,
      '{"t":"stream","id":3,"method":42}',
      '{"t":"shout","id":4}',
      '{"t":"call","id":5,"method":"no.such","input":{}}',
      '{"t":"call","id":"6","method":"app.info"}',
      '{"t":"cancel","id":"7"}',
      'not json at all',
      '[1,2,3]',
      'null',
    ]);
    const byId = new Map((replies as { id: number }[]).map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual([1.5, 2, 3, 4, 5]);
    expect(byId.get(1.5)).toEqual({ t: 'result', id: 1.5, ok: false, error: { code: 'invalid_input', message: 'bad message: id: must be an integer' } });
    expect(byId.get(2)).toEqual({ t: 'result', id: 2, ok: false, error: { code: 'invalid_input', message: 'bad message: method: longer than 100 characters' } });
    expect(byId.get(3)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^bad message: method: /) } });
    expect(byId.get(4)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^bad message: t: /) } });
    expect(byId.get(5)).toMatchObject({ ok: false, error: { code: 'not_found', message: 'unknown method "no.such"' } });
    // The same connection still works after all of that.
    expect((await client.call('app.info', {})).ok).toBe(true);
    client.close();
    expect(await stillAnswers(server)).toBe(true);
  });
});
