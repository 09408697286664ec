import { createHash } from 'node:crypto';
import { apiSession } from '../runtime/session-key';

/**
 * API conversations whose KV cache the engine keeps at once. As many as a context has sequences (the
 * engine's default is 4): more could only take sequences over from each other, and from the studio's own
 * chats, while each kept one holds a token ledger in memory.
 */
export const API_SESSIONS = 4;

/**
 * The engine sessions of API requests. A request is keyed by its model id and its conversation's opening,
 * so each request of a growing conversation reaches the KV cache its previous request left and reads only
 * its new messages. Strangers can open any number of conversations, so only the most recently used
 * API_SESSIONS are kept; the engine forgets the others (never one a request is still using).
 */
export class ApiSessions {
  /** Least recently used first. */
  private readonly order: string[] = [];
  private readonly inUse = new Map<string, number>();

  constructor(
    private readonly forget: (session: string) => Promise<void>,
    private readonly limit = API_SESSIONS,
  ) {}

  /** The engine session for a request of `model` whose conversation opens with `opening`, held until released. */
  hold(model: string, opening: string): { session: string; release: () => void } {
    const session = apiSession(createHash('sha256').update(model).update('\0').update(opening).digest('hex').slice(0, 32));
    const at = this.order.indexOf(session);
    if (at !== -1) this.order.splice(at, 1);
    this.order.push(session);
    this.inUse.set(session, (this.inUse.get(session) ?? 0) + 1);
    this.evict();
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      const left = (this.inUse.get(session) ?? 1) - 1;
      if (left > 0) this.inUse.set(session, left);
      else this.inUse.delete(session);
      this.evict();
    };
    return { session, release };
  }

  private evict(): void {
    while (this.order.length > this.limit) {
      const idle = this.order.findIndex((session) => !this.inUse.has(session));
      if (idle === -1) return;
      const [session] = this.order.splice(idle, 1);
      // Forgetting only frees memory sooner; a failure leaves a sequence the pool takes over later anyway.
      void this.forget(session!).catch(() => undefined);
    }
  }
}
