import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../shared/contract/transport';
import type { Dispatcher } from './dispatcher';
import { EventHub } from './event-hub';
import { createRpcSession, type RpcSessionOptions } from './rpc-session';

function fakeDispatcher(): Dispatcher & { signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  return {
    signals,
    kindOf: () => 'request',
    call: async (method, input) => ({ method, input }),
    stream: (_method, _input, emit, signal) =>
      new Promise((resolve, reject) => {
        signals.push(signal);
        emit({ type: 'token' });
        emit({ type: 'progress' });
        signal.addEventListener('abort', () => reject(Object.assign(new Error('stopped'), { name: 'AbortError' })));
        if (signals.length > 1) resolve('finished');
      }),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('rpc session', () => {
  it('answers calls, routes stream packets and cancels', async () => {
    const sent: ServerMessage[] = [];
    const dispatcher = fakeDispatcher();
    const session = createRpcSession(dispatcher, new EventHub(), (m) => sent.push(m));
    session.receive({ t: 'call', id: 1, method: 'models.list', input: {} });
    session.receive({ t: 'stream', id: 2, method: 'x.y', input: {} });
    await settle();
    session.receive({ t: 'cancel', id: 2 });
    await settle();
    expect(sent).toEqual([
      { t: 'packet', id: 2, packet: { type: 'token' } },
      { t: 'packet', id: 2, packet: { type: 'progress' } },
      { t: 'result', id: 1, ok: true, value: { method: 'models.list', input: {} } },
      { t: 'result', id: 2, ok: false, error: { code: 'cancelled', message: 'stopped' } },
    ]);
  });

  it('ignores messages that are not the protocol', async () => {
    const sent: ServerMessage[] = [];
    const session = createRpcSession(fakeDispatcher(), new EventHub(), (m) => sent.push(m));
    session.receive('hello');
    session.receive({ t: 'call', id: 'x' });
    await settle();
    expect(sent).toEqual([]);
  });

  it('forwards events until closed, and aborts running streams on close', async () => {
    const sent: ServerMessage[] = [];
    const hub = new EventHub();
    const dispatcher = fakeDispatcher();
    const session = createRpcSession(dispatcher, hub, (m) => sent.push(m));
    session.receive({ t: 'stream', id: 5, method: 'x.y', input: {} });
    hub.emit('models.changed', []);
    session.close();
    hub.emit('models.changed', []);
    await settle();
    expect(sent.filter((m) => m.t === 'event')).toHaveLength(1);
    expect(dispatcher.signals[0]!.aborted).toBe(true);
  });
});

/** A session whose `send` serialises like the WebSocket transport, recording what went out. */
function serialisingSession(call: Dispatcher['call'], options: RpcSessionOptions = {}) {
  const sent: unknown[] = [];
  const dispatcher: Dispatcher = { ...fakeDispatcher(), call };
  const session = createRpcSession(dispatcher, new EventHub(), (m) => sent.push(JSON.parse(JSON.stringify(m))), options);
  return { sent, session };
}

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('rpc session: hostile input and unsendable replies', () => {
  it('answers envelopes that fail validation when they carry an id, and ignores cancels and id-less ones', async () => {
    const { sent, session } = serialisingSession(async () => 'ok');
    session.receive({ t: 'call', id: 1.5, method: 'models.list', input: {} });
    session.receive({ t: 'call', id: 2, method: 'x'.repeat(101), input: {} });
    session.receive({ t: 'nonsense', id: 3 });
    session.receive({ t: 'cancel', id: 4.5 });
    session.receive({ t: 'call', method: 'models.list' });
    await settle();
    expect(sent).toEqual([
      { t: 'result', id: 1.5, ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^bad message: id: .*integer/) } },
      { t: 'result', id: 2, ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^bad message: method: .*100/) } },
      { t: 'result', id: 3, ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^bad message: t: /) } },
    ]);
  });

  it('turns a reply JSON cannot hold into an error reply naming the method', async () => {
    const values: Record<string, unknown> = { 'training.listAdapters': deepArray(100_000), 'a.bigint': { n: 10n }, 'a.cycle': {} };
    (values['a.cycle'] as { self: unknown }).self = values['a.cycle'];
    const { sent, session } = serialisingSession(async (method) => values[method]);
    session.receive({ t: 'call', id: 1, method: 'training.listAdapters', input: {} });
    session.receive({ t: 'call', id: 2, method: 'a.bigint', input: {} });
    session.receive({ t: 'call', id: 3, method: 'a.cycle', input: {} });
    await settle();
    expect(sent).toEqual([
      { t: 'result', id: 1, ok: false, error: { code: 'failed', message: 'reply of training.listAdapters could not be sent: Maximum call stack size exceeded' } },
      { t: 'result', id: 2, ok: false, error: { code: 'failed', message: expect.stringMatching(/^reply of a\.bigint could not be sent: .*BigInt/) } },
      { t: 'result', id: 3, ok: false, error: { code: 'failed', message: expect.stringMatching(/^reply of a\.cycle could not be sent: .*circular/) } },
    ]);
  });

  it('never leaves a rejection unhandled: a handler that throws at once, a send that always throws', async () => {
    const logged: string[] = [];
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const throwing: Dispatcher = { ...fakeDispatcher(), call: () => { throw new Error('at once'); } };
      const sent: ServerMessage[] = [];
      createRpcSession(throwing, new EventHub(), (m) => sent.push(m)).receive({ t: 'call', id: 1, method: 'a.b', input: {} });
      const hub = new EventHub();
      const broken = createRpcSession(fakeDispatcher(), hub, () => { throw new Error('socket gone'); }, { log: (line) => logged.push(line) });
      broken.receive({ t: 'call', id: 2, method: 'models.list', input: {} });
      hub.emit('models.changed', []);
      await new Promise((r) => setTimeout(r, 20));
      expect(sent).toEqual([{ t: 'result', id: 1, ok: false, error: { code: 'failed', message: 'at once' } }]);
      expect(logged).toEqual([
        'event of models.changed could not be sent: socket gone',
        'reply of models.list could not be sent: socket gone; nor could the error: socket gone',
      ]);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('removes the uploads it began when it closes, and one whose reply comes after the close', async () => {
    const discarded: string[] = [];
    let late!: (value: unknown) => void;
    const call: Dispatcher['call'] = async (method, input) => {
      if ((input as { late?: boolean }).late) return new Promise((resolve) => (late = resolve));
      return method === 'packs.uploadBegin' ? { uploadId: `u${(input as { n: number }).n}` } : null;
    };
    const { session } = serialisingSession(call, { discardUpload: async (id) => void discarded.push(id) });
    session.receive({ t: 'call', id: 1, method: 'packs.uploadBegin', input: { n: 1 } });
    session.receive({ t: 'call', id: 2, method: 'packs.uploadBegin', input: { n: 2 } });
    session.receive({ t: 'call', id: 3, method: 'packs.uploadBegin', input: { late: true } });
    await settle();
    expect(discarded).toEqual([]);
    session.close();
    expect(discarded).toEqual(['u1', 'u2']);
    late({ uploadId: 'u3' });
    await settle();
    expect(discarded).toEqual(['u1', 'u2', 'u3']);
  });

  it('runs at most maxInFlight calls, queues the rest in order, and says when it is busy and when not', async () => {
    const finishers = new Map<number, () => void>();
    const busy: boolean[] = [];
    const call: Dispatcher['call'] = (_method, input) => new Promise((resolve) => finishers.set((input as { n: number }).n, () => resolve(null)));
    const { sent, session } = serialisingSession(call, { maxInFlight: 2, onBusy: (b) => busy.push(b) });
    session.receive({ t: 'call', id: 1, method: 'a.b', input: { n: 1 } });
    expect(busy).toEqual([]);
    for (const n of [2, 3, 4]) session.receive({ t: 'call', id: n, method: 'a.b', input: { n } });
    await settle();
    expect([...finishers.keys()]).toEqual([1, 2]);
    expect(busy).toEqual([true]);
    finishers.get(1)!();
    await settle();
    expect([...finishers.keys()]).toEqual([1, 2, 3]);
    finishers.get(2)!();
    await settle();
    expect(busy).toEqual([true]);
    finishers.get(3)!();
    await settle();
    expect(busy).toEqual([true, false]);
    finishers.get(4)!();
    await settle();
    expect(sent.map((m) => (m as { id: number }).id)).toEqual([1, 2, 3, 4]);
  });
});
