import type { z } from 'zod';
import { contract, type Contract, type Events } from './contract';
import type { EventDef, RequestDef, StreamDef } from './define';

// Types derived from the contract: what the renderer calls (StudioApi) and what the services implement
// (StudioHandlers). Nothing here is written twice by hand.

/** A running stream as the caller sees it. */
export interface StreamHandle<R> {
  result: Promise<R>;
  cancel: () => void;
}

type ClientFn<T> =
  T extends RequestDef<infer I, infer O>
    ? (input: z.input<I>) => Promise<O>
    : T extends StreamDef<infer I, infer P, infer R>
      ? (input: z.input<I>, onPacket: (packet: P) => void) => StreamHandle<R>
      : never;

type HandlerFn<T> =
  T extends RequestDef<infer I, infer O>
    ? (input: z.output<I>) => Promise<O>
    : T extends StreamDef<infer I, infer P, infer R>
      ? (input: z.output<I>, emit: (packet: P) => void, signal: AbortSignal) => Promise<R>
      : never;

export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E] extends EventDef<infer P> ? P : never;

/** The `window.studio` object: `studio.models.list({})`, `studio.on('runtime.status', cb)`. */
export type StudioApi = {
  [D in keyof Contract]: { [M in keyof Contract[D]]: ClientFn<Contract[D][M]> };
} & {
  on: <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** What the services implement, one function per contract entry. */
export type StudioHandlers = {
  [D in keyof Contract]: { [M in keyof Contract[D]]: HandlerFn<Contract[D][M]> };
};

/** Wire names (`models.list`) with their kind, in contract order. */
export function contractMethods(): { name: string; domain: string; method: string; kind: 'request' | 'stream' }[] {
  const out: { name: string; domain: string; method: string; kind: 'request' | 'stream' }[] = [];
  for (const [domain, methods] of Object.entries(contract)) {
    for (const [method, def] of Object.entries(methods as Record<string, { kind: 'request' | 'stream' }>)) {
      out.push({ name: `${domain}.${method}`, domain, method, kind: def.kind });
    }
  }
  return out;
}
