import { z } from 'zod';
import { toWireError } from '../../shared/contract/errors';
import type { ServerMessage } from '../../shared/contract/transport';
import type { Dispatcher } from './dispatcher';
import type { EventHub } from './event-hub';

// One connected window (an Electron webContents or a browser WebSocket). Both transports carry the same
// messages, so this is the only code that turns messages into calls, streams, cancels and events.

const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.number().int(), method: z.string().max(100), input: z.unknown() }),
  z.object({ t: z.literal('stream'), id: z.number().int(), method: z.string().max(100), input: z.unknown() }),
  z.object({ t: z.literal('cancel'), id: z.number().int() }),
]);

export interface RpcSession {
  receive: (message: unknown) => void;
  close: () => void;
}

export function createRpcSession(dispatcher: Dispatcher, events: EventHub, send: (message: ServerMessage) => void): RpcSession {
  const running = new Map<number, AbortController>();
  let closed = false;
  const reply = (message: ServerMessage): void => {
    if (!closed) send(message);
  };
  const unsubscribe = events.subscribe((name, payload) => reply({ t: 'event', name, payload }));

  const finish = (id: number, work: Promise<unknown>): void => {
    work.then(
      (value) => reply({ t: 'result', id, ok: true, value }),
      (error: unknown) => reply({ t: 'result', id, ok: false, error: toWireError(error) }),
    ).finally(() => running.delete(id));
  };

  return {
    receive(raw) {
      const parsed = clientMessageSchema.safeParse(raw);
      if (!parsed.success) return; // Not our protocol: nothing to answer to.
      const message = parsed.data;
      if (message.t === 'cancel') {
        running.get(message.id)?.abort();
        return;
      }
      if (message.t === 'call') {
        finish(message.id, dispatcher.call(message.method, message.input));
        return;
      }
      const abort = new AbortController();
      running.set(message.id, abort);
      finish(
        message.id,
        dispatcher.stream(message.method, message.input, (packet) => reply({ t: 'packet', id: message.id, packet }), abort.signal),
      );
    },
    close() {
      closed = true;
      unsubscribe();
      for (const abort of running.values()) abort.abort();
      running.clear();
    },
  };
}
