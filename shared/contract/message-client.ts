import { fromWireError, StudioError } from './errors';
import type { ClientMessage, ServerMessage, Transport } from './transport';

// The client half of the message protocol, shared by the WebSocket transport (browser) and the
// preload (Electron): request ids, packets routed to their stream, results, events.

type Pending = {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onPacket?: (packet: { type: string }) => void;
};

export interface MessageClient extends Transport {
  /** Feed every message that arrives from the services. */
  receive: (message: ServerMessage) => void;
  /** Fail everything in flight (the connection is gone). */
  failAll: (reason: string) => void;
}

export function createMessageClient(send: (message: ClientMessage) => void): MessageClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    receive(message) {
      if (message.t === 'event') {
        for (const listener of eventListeners.get(message.name) ?? []) listener(message.payload);
        return;
      }
      const entry = pending.get(message.id);
      if (!entry) return;
      if (message.t === 'packet') {
        entry.onPacket?.(message.packet);
        return;
      }
      pending.delete(message.id);
      if (message.ok) entry.resolve(message.value);
      else entry.reject(fromWireError(message.error));
    },
    failAll(reason) {
      for (const entry of pending.values()) entry.reject(new StudioError('failed', reason));
      pending.clear();
    },
    call(method, input) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        send({ t: 'call', id, method, input });
      });
    },
    stream(method, input, onPacket) {
      const id = nextId++;
      const result = new Promise<unknown>((resolve, reject) => {
        pending.set(id, { resolve, reject, onPacket });
        send({ t: 'stream', id, method, input });
      });
      return { result, cancel: () => send({ t: 'cancel', id }) };
    },
    on(name, listener) {
      const set = eventListeners.get(name) ?? new Set();
      set.add(listener);
      eventListeners.set(name, set);
      return () => set.delete(listener);
    },
  };
}
