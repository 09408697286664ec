import { z } from 'zod';
import { toWireError } from '../../shared/contract/errors';
import type { ServerMessage } from '../../shared/contract/transport';
import { formatIssues } from '../../shared/validation/format-issues';
import type { Dispatcher } from './dispatcher';
import type { EventHub } from './event-hub';

// One connected window (an Electron webContents or a browser WebSocket). Both transports carry the same
// messages, so this is the only code that turns messages into calls, streams, cancels and events.
// Whatever a client sends and whatever a handler returns, nothing here throws or leaves a rejection
// unhandled: a failure becomes an error reply when there is a caller to tell, a log line otherwise.

const idSchema = z.number().int('must be an integer');
const methodSchema = z.string().max(100, 'longer than 100 characters');
const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: idSchema, method: methodSchema, input: z.unknown() }),
  z.object({ t: z.literal('stream'), id: idSchema, method: methodSchema, input: z.unknown() }),
  z.object({ t: z.literal('cancel'), id: idSchema }),
]);

/** The reply of `packs.uploadBegin`, whose upload this session must clean up if it is left unfinished. */
const uploadBeginReply = z.object({ uploadId: z.string() });

export interface RpcSessionOptions {
  /** Removes an upload left unfinished; called on close for every upload this session began. */
  discardUpload?: (uploadId: string) => Promise<void>;
  /**
   * Calls and streams running at once; more wait their turn (up to MAX_WAITING, then an error reply),
   * and `onBusy(true)` asks the transport to stop reading until `onBusy(false)`.
   */
  maxInFlight?: number;
  onBusy?: (busy: boolean) => void;
  /** Where failures nobody can be told about are reported; stderr by default. */
  log?: (line: string) => void;
}

/** Calls received while `maxInFlight` run: what already sat in the transport's buffer when it paused. */
const MAX_WAITING = 1000;

export interface RpcSession {
  receive: (message: unknown) => void;
  close: () => void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}

/** The id of a message that failed validation, when the caller could still match a reply to it. */
function usableId(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null || (raw as { t?: unknown }).t === 'cancel') return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'number' && Number.isFinite(id) ? id : null;
}

export function createRpcSession(
  dispatcher: Dispatcher,
  events: EventHub,
  send: (message: ServerMessage) => void,
  options: RpcSessionOptions = {},
): RpcSession {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const running = new Map<number, AbortController>();
  const uploads = new Set<string>();
  const maxInFlight = options.maxInFlight ?? Infinity;
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  let busy = false;
  let closed = false;

  const discard = (uploadId: string): void => {
    options.discardUpload?.(uploadId).catch((error: unknown) => log(`upload ${uploadId} could not be removed: ${describe(error)}`));
  };

  // `send` serialises: it throws on replies JSON cannot hold (cycles, BigInt, 100,000-deep arrays).
  const deliver = (message: ServerMessage, about: string): void => {
    if (closed) return;
    try {
      send(message);
    } catch (error) {
      const what = message.t === 'result' ? 'reply' : message.t;
      const problem = `${what} of ${about} could not be sent: ${describe(error)}`;
      if (message.t !== 'result') {
        log(problem);
        return;
      }
      try {
        send({ t: 'result', id: message.id, ok: false, error: { code: 'failed', message: problem } });
      } catch (again) {
        log(`${problem}; nor could the error: ${describe(again)}`);
      }
    }
  };

  const unsubscribe = events.subscribe((name, payload) => deliver({ t: 'event', name, payload }, name));

  const setBusy = (value: boolean): void => {
    if (busy === value) return;
    busy = value;
    options.onBusy?.(value);
  };

  const settled = (): void => {
    inFlight--;
    const next = closed ? undefined : waiting.shift();
    if (next) next();
    else if (inFlight < maxInFlight) setBusy(false);
  };

  const remember = (method: string, value: unknown): void => {
    if (method !== 'packs.uploadBegin') return;
    const reply = uploadBeginReply.safeParse(value);
    if (!reply.success) return;
    if (closed) discard(reply.data.uploadId);
    else uploads.add(reply.data.uploadId);
  };

  // `work` runs inside a promise so that a handler throwing synchronously is a rejection too.
  const run = (id: number, method: string, work: () => Promise<unknown>): void => {
    inFlight++;
    if (inFlight >= maxInFlight) setBusy(true);
    new Promise<unknown>((resolve) => resolve(work()))
      .then(
        (value) => {
          remember(method, value);
          deliver({ t: 'result', id, ok: true, value }, method);
        },
        (error: unknown) => deliver({ t: 'result', id, ok: false, error: toWireError(error) }, method),
      )
      .catch((error: unknown) => log(`reply of ${method} failed: ${describe(error)}`))
      .finally(() => {
        running.delete(id);
        settled();
      });
  };

  const start = (id: number, method: string, work: () => Promise<unknown>): void => {
    if (inFlight < maxInFlight) run(id, method, work);
    else if (waiting.length < MAX_WAITING) waiting.push(() => run(id, method, work));
    else {
      running.delete(id);
      deliver({ t: 'result', id, ok: false, error: { code: 'failed', message: `${method}: ${MAX_WAITING} calls are already waiting; wait for their replies` } }, method);
    }
  };

  return {
    receive(raw) {
      const parsed = clientMessageSchema.safeParse(raw);
      if (!parsed.success) {
        // A caller that sent an id waits for it: tell it what was wrong instead of leaving it hanging.
        const id = usableId(raw);
        if (id !== null) deliver({ t: 'result', id, ok: false, error: { code: 'invalid_input', message: `bad message: ${formatIssues(parsed.error)}` } }, 'a bad message');
        return;
      }
      const message = parsed.data;
      if (message.t === 'cancel') {
        running.get(message.id)?.abort();
        return;
      }
      if (message.t === 'call') {
        start(message.id, message.method, () => dispatcher.call(message.method, message.input));
        return;
      }
      // Registered before it starts, so a cancel also reaches a stream still waiting its turn.
      const abort = new AbortController();
      running.set(message.id, abort);
      const emit = (packet: { type: string }): void => deliver({ t: 'packet', id: message.id, packet }, message.method);
      start(message.id, message.method, () => dispatcher.stream(message.method, message.input, emit, abort.signal));
    },
    close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      for (const abort of running.values()) abort.abort();
      running.clear();
      waiting.length = 0;
      for (const uploadId of uploads) discard(uploadId);
      uploads.clear();
    },
  };
}
