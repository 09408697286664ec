import type { WireError } from './errors';

// The three primitives every transport (Electron IPC, WebSocket) must offer; the named API is built
// on top of them once, in client.ts.

/** Messages on the wire, in both directions. */
export type ClientMessage =
  | { t: 'call'; id: number; method: string; input: unknown }
  | { t: 'stream'; id: number; method: string; input: unknown }
  | { t: 'cancel'; id: number };

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: WireError }
  | { t: 'packet'; id: number; packet: { type: string } }
  | { t: 'event'; name: string; payload: unknown };

/** A transport as the client builder consumes it. */
export interface Transport {
  call: (method: string, input: unknown) => Promise<unknown>;
  stream: (
    method: string,
    input: unknown,
    onPacket: (packet: { type: string }) => void,
  ) => { result: Promise<unknown>; cancel: () => void };
  on: (name: string, listener: (payload: unknown) => void) => () => void;
}
