import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../shared/contract/transport';
import type { Dispatcher } from './dispatcher';
import { EventHub } from './event-hub';
import { createRpcSession } from './rpc-session';

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
