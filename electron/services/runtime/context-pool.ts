import type { LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';

/** A LoRA adapter applied to a context. */
export interface AdapterSpec {
  path: string;
  scale: number;
}

/** Contexts are per adapter set (llama.cpp applies LoRA per context); '' is the base model. */
export function adapterKey(adapter: AdapterSpec | null): string {
  return adapter ? `${adapter.path}@${adapter.scale}` : '';
}

interface Slot {
  sequence: LlamaContextSequence;
  session: string | null;
  busy: boolean;
  lastUsed: number;
}

interface Entry {
  context: LlamaContext;
  slots: Slot[];
  lastUsed: number;
}

/** A sequence lent to one chat session; `fresh` means its KV cache holds nothing of this session yet. */
export interface Lease {
  sequence: LlamaContextSequence;
  fresh: boolean;
  release: () => void;
}

/** How each context is created and how many are kept. */
export interface ContextPoolOptions {
  contextSize: number;
  sequences: number;
  threads: number;
  maxContexts: number;
}

let clock = 0;

/**
 * The loaded model's contexts (one per adapter set) and their sequences. Each chat session keeps its own
 * sequence, so switching between chats keeps each one's KV cache; when sequences run out the least
 * recently used idle one is taken over (its chat reloads from its saved state file when it comes back).
 */
export class ContextPool {
  private readonly entries = new Map<string, Promise<Entry>>();

  constructor(
    private readonly model: LlamaModel,
    private readonly options: ContextPoolOptions,
  ) {}

  get contextSize(): number {
    return this.options.contextSize;
  }

  private async entry(adapter: AdapterSpec | null): Promise<Entry> {
    const key = adapterKey(adapter);
    let pending = this.entries.get(key);
    if (!pending) {
      await this.evictContexts();
      pending = this.model
        .createContext({
          contextSize: this.options.contextSize,
          sequences: this.options.sequences,
          threads: this.options.threads,
          // As llama.cpp's own tools default to: flash attention where the backend supports it.
          flashAttention: 'auto',
          ...(adapter ? { lora: { adapters: [{ filePath: adapter.path, scale: adapter.scale }] } } : {}),
        })
        .then((context) => ({ context, slots: [], lastUsed: ++clock }));
      this.entries.set(key, pending);
      pending.catch(() => this.entries.delete(key));
    }
    const entry = await pending;
    entry.lastUsed = ++clock;
    return entry;
  }

  private async evictContexts(): Promise<void> {
    if (this.entries.size < this.options.maxContexts) return;
    const settled = await Promise.all([...this.entries].map(async ([key, p]) => ({ key, entry: await p.catch(() => null) })));
    const idle = settled.filter((s) => s.entry && s.key !== '' && !s.entry.slots.some((slot) => slot.busy));
    idle.sort((a, b) => a.entry!.lastUsed - b.entry!.lastUsed);
    const victim = idle[0];
    if (!victim) return;
    this.entries.delete(victim.key);
    await victim.entry!.context.dispose();
  }

  /** Lends `session` its sequence in the context for `adapter`, taking over an idle one if needed. */
  async lease(adapter: AdapterSpec | null, session: string): Promise<Lease> {
    const entry = await this.entry(adapter);
    let slot = entry.slots.find((s) => s.session === session);
    if (slot?.busy) throw new Error(`session ${session} is already generating`);
    let fresh = false;
    if (!slot) {
      fresh = true;
      if (entry.context.sequencesLeft > 0) {
        slot = { sequence: entry.context.getSequence(), session, busy: false, lastUsed: 0 };
        entry.slots.push(slot);
      } else {
        const idle = entry.slots.filter((s) => !s.busy).sort((a, b) => a.lastUsed - b.lastUsed)[0];
        if (!idle) throw new Error('every sequence of the context is busy');
        slot = idle;
        slot.session = session;
        await slot.sequence.clearHistory();
      }
    }
    slot.busy = true;
    slot.lastUsed = ++clock;
    const held = slot;
    return { sequence: held.sequence, fresh, release: () => void (held.busy = false) };
  }

  /** Forgets a session everywhere (its chat was deleted or its KV no longer matches). */
  async forget(session: string): Promise<void> {
    for (const pending of this.entries.values()) {
      const entry = await pending.catch(() => null);
      for (const slot of entry?.slots ?? []) {
        if (slot.session === session && !slot.busy) {
          slot.session = null;
          await slot.sequence.clearHistory();
        }
      }
    }
  }

  async dispose(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const pending of entries) await (await pending.catch(() => null))?.context.dispose();
  }
}
