import type { z } from 'zod';

// Building blocks of the contract. Output, packet and payload types exist only at compile time;
// inputs are zod schemas because they are the only thing that crosses the boundary untrusted.

/** A request answered once. */
export interface RequestDef<I extends z.ZodType, O> {
  kind: 'request';
  input: I;
  /** Phantom: the output type. */
  output?: O;
}

/** Long work: a stream of tagged packets, then one result, cancellable. */
export interface StreamDef<I extends z.ZodType, P extends { type: string }, R> {
  kind: 'stream';
  input: I;
  /** Phantom: the in-between packet type. */
  packet?: P;
  /** Phantom: the final result type. */
  result?: R;
}

/** A push from the services to every connected window. */
export interface EventDef<P> {
  kind: 'event';
  /** Phantom: the payload type. */
  payload?: P;
}

/** Declares a request: `request<Output>()(inputSchema)`. */
export const request =
  <O>() =>
  <I extends z.ZodType>(input: I): RequestDef<I, O> => ({ kind: 'request', input });

/** Declares a stream: `stream<Packet, Result>()(inputSchema)`. */
export const stream =
  <P extends { type: string }, R>() =>
  <I extends z.ZodType>(input: I): StreamDef<I, P, R> => ({ kind: 'stream', input });

/** Declares a pushed event. */
export const event = <P>(): EventDef<P> => ({ kind: 'event' });

export type AnyDef = RequestDef<z.ZodType, unknown> | StreamDef<z.ZodType, { type: string }, unknown>;
