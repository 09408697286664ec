import { InsufficientMemoryError, type LlamaContext, type LlamaContextSequence, type LlamaModel } from 'node-llama-cpp';
import { StudioError } from '../../../shared/contract/errors';

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
  /**
   * Tokens per sequence: a fixed count, or the largest count in the range that fits beside the model in free
   * memory (node-llama-cpp's fitting, the KV cache of every sequence counted), found on the first context
   * and then kept for the others so every chat has the same window.
   */
  contextSize: number | { min: number; max: number };
  sequences: number;
  threads: number;
  maxContexts: number;
  /**
   * On where a GPU computes (llama.cpp's own tools default to it there: less memory, faster attention); off on
   * the CPU, where llama.cpp's flash-attention kernel decoded the 6B-shaped model about 10% slower (7.2 against
   * 6.6 tokens/s on two cores at a depth of 661, bare node-llama-cpp in alternating rounds), and prefill gained nothing.
   */
  flashAttention: boolean;
}

let clock = 0;

/**
 * The loaded model's contexts (one per adapter set) and their sequences. Each chat session keeps its own
 * sequence, so switching between chats keeps each one's KV cache; when sequences run out the least
 * recently used idle one is taken over (its chat reloads from its saved state file when it comes back).
 */
export class ContextPool {
  private readonly entries = new Map<string, Promise<Entry>>();
  /** The entries whose context exists: only these can be freed (waiting on one being created could wait on itself). */
  private readonly created = new Map<string, Entry>();
  private resolvedSize: number | null = null;

  constructor(
    private readonly model: LlamaModel,
    private readonly options: ContextPoolOptions,
  ) {}

  /** Tokens per sequence; known once `ready()` has resolved. */
  get contextSize(): number {
    if (this.resolvedSize === null) throw new Error('the context pool has no context yet: await ready() first');
    return this.resolvedSize;
  }

  /** Creates the base model's context, which fixes the pool's context size; fails when it does not fit. */
  async ready(): Promise<void> {
    await this.entry(null);
  }

  private create(adapter: AdapterSpec | null): Promise<LlamaContext> {
    return this.model.createContext({
      contextSize: this.resolvedSize ?? this.options.contextSize,
      sequences: this.options.sequences,
      threads: this.options.threads,
      flashAttention: this.options.flashAttention ? 'auto' : false,
      ...(adapter ? { lora: { adapters: [{ filePath: adapter.path, scale: adapter.scale }] } } : {}),
    });
  }

  /** A context for `adapter`; when memory is short, the idle adapter contexts are freed and it is tried once more. */
  private async createFitting(adapter: AdapterSpec | null): Promise<LlamaContext> {
    try {
      return await this.create(adapter);
    } catch (error) {
      if (!(error instanceof InsufficientMemoryError)) throw error;
      if (adapter && (await this.evictContexts(0)) > 0) {
        try {
          return await this.create(adapter);
        } catch (again) {
          if (!(again instanceof InsufficientMemoryError)) throw again;
        }
      }
      throw new StudioError('failed', this.tooLarge(error.message));
    }
  }

  /** What to change when no context of the asked size fits beside the model. */
  private tooLarge(detail: string): string {
    const chats = `${this.options.sequences} chats at once`;
    const asked = this.resolvedSize ?? this.options.contextSize;
    return typeof asked === 'number'
      ? `a chat context of ${asked} tokens (${chats}) does not fit in free memory beside the model (${detail}): choose Auto or a smaller context size, or fewer GPU layers, in Settings`
      : `not even a chat context of ${asked.min} tokens (${chats}) fits in free memory beside the model (${detail}): choose fewer GPU layers in Settings, or close what else uses the memory`;
  }

  private async entry(adapter: AdapterSpec | null): Promise<Entry> {
    const key = adapterKey(adapter);
    if (!this.entries.has(key)) await this.evictContexts(this.options.maxContexts - 1);
    // looked up after the eviction's wait: another lease may have started this context meanwhile
    let pending = this.entries.get(key);
    if (!pending) {
      pending = this.createFitting(adapter).then((context) => {
        this.resolvedSize ??= context.contextSize;
        const entry: Entry = { context, slots: [], lastUsed: ++clock };
        this.created.set(key, entry);
        return entry;
      });
      this.entries.set(key, pending);
      pending.catch(() => this.entries.delete(key));
    }
    const entry = await pending;
    entry.lastUsed = ++clock;
    return entry;
  }

  /** Frees the least recently used idle adapter contexts until at most `keep` contexts remain; returns how many went. */
  private async evictContexts(keep: number): Promise<number> {
    if (this.entries.size <= keep) return 0;
    const idle = [...this.created].filter(([key, entry]) => key !== '' && !entry.slots.some((slot) => slot.busy));
    idle.sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    const victims = idle.slice(0, Math.max(0, this.entries.size - keep));
    for (const [key, entry] of victims) {
      this.entries.delete(key);
      this.created.delete(key);
      await entry.context.dispose();
    }
    return victims.length;
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
    this.created.clear();
    for (const pending of entries) await (await pending.catch(() => null))?.context.dispose();
  }
}
