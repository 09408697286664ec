import type { EventName, EventPayload } from '../../shared/contract/api';

/** Fan-out of pushed events to every connected window or socket. */
export class EventHub {
  private listeners = new Set<(name: string, payload: unknown) => void>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  subscribe(listener: (name: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
