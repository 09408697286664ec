import type { LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { StudioError } from '../../../shared/contract/errors';
import type { ModelInfo } from '../../../shared/models/model-info';
import type { DialogueTurn, SessionMeta } from '../../../shared/prompt/characterglm-format';
import type { ChatSampler } from '../../../shared/runtime/sampler-schema';
import { chooseWindow, replyReserve } from '../../../shared/runtime/context-window';
import type { ReplyPacket, ReplyResult } from '../../../shared/runtime/generation';
import { CHARACTERGLM_ARCHITECTURE } from '../models/gguf-inspect';
import { CharacterGlmPromptFormat } from './characterglm-prompt-format';
import { decodePair, leasePair } from './compare-pair';
import { adapterKey, ContextPool, type AdapterSpec, type Lease } from './context-pool';
import { hashTokens, loadKvState, readKvMeta, saveKvState, type KvFile, type KvStateKey } from './kv-state-file';
import type { LlamaRuntime } from './llama-runtime';
import { modelFingerprint } from './model-fingerprint';
import type { PromptFormat, RenderedPrompt, ReplyLedger } from './prompt-format';
import { decodeReply, type DecodedReply } from './reply-decoder';
import { rawPromptTokens, type RawCompletionRequest } from './raw-completion';
import { replyResult } from './reply-result';
import { TemplatePromptFormat } from './template-prompt-format';
import type { ReplyEngine } from './reply-engine';
import { AUTO_CONTEXT_MAX, AUTO_CONTEXT_MIN, type ContextSizeSetting } from '../../../shared/settings/settings';
import { compareLane, memorySession, type SessionKey } from './session-key';

/** One reply to generate for a chat session. */
export interface ReplyRequest {
  /** The chat (or compare lane) whose KV cache this reply continues. */
  session: SessionKey;
  /** Where this chat's KV state is saved between runs; null keeps it in memory only. */
  kvFile: KvFile | null;
  meta: SessionMeta;
  turns: readonly DialogueTurn[];
  /** Leading turns that never leave the context (the greeting). */
  keepFirst: number;
  /** The character's unfinished reply when continuing; '' for a new reply. */
  partial: string;
  sampler: ChatSampler;
  adapter: AdapterSpec | null;
  /** Stop sequences besides the prompt format's own (an API client's `stop`). */
  stop?: readonly string[];
  /**
   * Turns after `keepFirst` that must stay out of the prompt: the chat's summary stands for them. The
   * window starts there the same turn the summary changes, so both cost one re-read together.
   */
  minDrop?: number;
}

/** Token lengths of a chat's prompt parts and its current window, for planning the summary (memory-plan.ts). */
export interface WindowMeasure {
  prefix: number;
  turns: number[];
  tail: number;
  /** Tokens a prompt may use beside the reply. */
  budget: number;
  /** Turns after the kept ones that the window leaves out now. */
  drop: number;
}

/** What differs between the two replies of a comparison. */
export interface Lane {
  sampler: ChatSampler;
  adapter: AdapterSpec | null;
}

/** The exact prompt of a reply, as "Show prompt" displays it. */
export interface PromptPreview {
  text: string;
  tokens: number;
  prefixTokens: number;
  droppedTurns: number;
  contextSize: number;
  fits: boolean;
}

/** Sizes the engine's memory: tokens per chat, chats kept warm, adapter sets kept loaded. */
export interface ChatEngineOptions {
  /** Tokens per chat; default the runtime's setting (auto: as many as fit, up to the training context and AUTO_CONTEXT_MAX). */
  contextSize?: ContextSizeSetting;
  /** Chat sessions that keep a KV cache in memory at once, per context. */
  sequences?: number;
  /** Contexts (adapter sets) kept at once. */
  maxContexts?: number;
}

interface Session {
  ledger: ReplyLedger;
  drop: number;
  tail: Promise<unknown>;
}

/**
 * What the engine builds for the runtime's loaded model (whose one source is LlamaRuntime): the contexts,
 * the prompt format and the fingerprint. `model` is the one they were built on, so a reply in flight
 * never pairs a newly loaded model with the old model's contexts.
 */
interface Loaded {
  model: LlamaModel;
  pool: ContextPool;
  format: PromptFormat;
  fingerprint: Promise<string>;
}

const LEDGER_LIMIT = 400;

/**
 * Runs `task` after everything queued on `session` before it, and settles with its value: the one it hands
 * to `deliver` (a reply, given to the caller before the KV state save that follows it; the queue still
 * waits for that save), else the one it returns.
 */
function enqueue<T>(session: Session, task: (deliver: (value: T) => void) => Promise<T | void>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = session.tail.then(() => task(resolve), () => task(resolve));
    session.tail = run.catch(() => undefined);
    run.then((value) => resolve(value as T), reject);
  });
}

/**
 * The live-preview engine on node-llama-cpp: CharacterGLM prompts (or the model's own template for other
 * architectures), one KV cache per chat reused across turns, the context window kept to size, KV state
 * saved beside each chat, two replies decoded in one batch, and LoRA adapters per context.
 */
export class ChatEngine implements ReplyEngine {
  private loaded: Loaded | null = null;
  private setting: { model: LlamaModel; promise: Promise<Loaded> } | null = null;
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly runtime: LlamaRuntime,
    private readonly options: ChatEngineOptions = {},
  ) {}

  /** The loaded model's contexts and prompt format; chats of several sessions asking at once share one setup. */
  private async setup(): Promise<Loaded> {
    const current = this.runtime.currentModel();
    if (!current) throw new StudioError('not_found', 'no model loaded: install the demo model or load a GGUF in Models');
    if (this.setting?.model !== current.model) {
      const promise = this.build(current);
      this.setting = { model: current.model, promise };
      promise.catch(() => {
        if (this.setting?.promise === promise) this.setting = null;
      });
    }
    return this.setting.promise;
  }

  private async build(current: { info: ModelInfo; model: LlamaModel }): Promise<Loaded> {
    const previous = this.loaded;
    this.loaded = null;
    await previous?.pool.dispose();
    // Ledgers and windows belong to the old model's tokens; the session objects (and their queues) stay.
    for (const session of this.sessions.values()) {
      session.ledger = new Map();
      session.drop = 0;
    }
    const model = current.model;
    const setting = this.options.contextSize ?? (await this.runtime.contextSizeSetting());
    const most = Math.min(AUTO_CONTEXT_MAX, model.trainContextSize || AUTO_CONTEXT_MAX);
    const sequences = this.options.sequences ?? 4;
    const pool = new ContextPool(model, {
      contextSize: setting === 'auto' ? { min: Math.min(AUTO_CONTEXT_MIN, most), max: most } : setting,
      sequences,
      threads: await this.runtime.threads(),
      maxContexts: this.options.maxContexts ?? 3,
      flashAttention: this.runtime.getStatus().backend !== 'cpu',
    });
    // The base context fixes the window every prompt is fitted to; a model it does not fit beside fails here,
    // before a reply starts, and the next reply tries again.
    await pool.ready();
    this.runtime.noteContext(model, { tokens: pool.contextSize, sequences, askedTokens: setting === 'auto' ? most : setting });
    const arch = current.info.architecture;
    this.loaded = {
      model,
      pool,
      format: arch === CHARACTERGLM_ARCHITECTURE ? new CharacterGlmPromptFormat(model) : new TemplatePromptFormat(model),
      fingerprint: modelFingerprint(current.info.path),
    };
    return this.loaded;
  }

  private session(key: string): Session {
    let session = this.sessions.get(key);
    if (!session) {
      session = { ledger: new Map(), drop: 0, tail: Promise.resolve() };
      this.sessions.set(key, session);
    }
    return session;
  }

  private render(env: Loaded, request: ReplyRequest, session: Pick<Session, 'ledger' | 'drop'>): RenderedPrompt {
    return env.format.render({ ...request, drop: session.drop, ledger: session.ledger });
  }

  /** Renders the prompt, leaving out the oldest turns when it would not fit beside the reply. */
  private fit(env: Loaded, request: ReplyRequest, session: Session): { prompt: RenderedPrompt; fits: boolean } {
    const budget = env.pool.contextSize - replyReserve(env.pool.contextSize, request.sampler.maxTokens);
    const floor = Math.min(request.minDrop ?? 0, Math.max(0, request.turns.length - Math.min(request.keepFirst, request.turns.length) - 1));
    if (session.drop < floor) session.drop = floor;
    let prompt = this.render(env, request, session);
    if (prompt.tokens.length <= budget) return { prompt, fits: true };
    const choice = chooseWindow({
      prefix: prompt.prefixLength, turns: prompt.turnLengths(), tail: prompt.tailLength,
      keepFirst: request.keepFirst, budget, previousDrop: session.drop,
    });
    if (choice.drop !== session.drop) {
      session.drop = choice.drop;
      prompt = this.render(env, request, session);
    }
    return { prompt, fits: prompt.tokens.length <= budget };
  }

  private async stateKey(env: Loaded, request: ReplyRequest, prompt: RenderedPrompt): Promise<KvStateKey> {
    return {
      model: await env.fingerprint,
      format: env.format.id,
      adapter: adapterKey(request.adapter),
      prefix: hashTokens(prompt.tokens.slice(0, prompt.prefixLength)),
    };
  }

  /** On a sequence that holds nothing of this chat, loads the chat's saved KV state if it still matches. */
  private async restore(env: Loaded, lease: Lease, request: ReplyRequest, session: Session): Promise<boolean> {
    if (!lease.fresh || !request.kvFile) return false;
    const meta = await readKvMeta(request.kvFile);
    if (!meta) return false;
    const saved = { ledger: new Map(meta.ledger) as ReplyLedger, drop: meta.drop };
    const key = await this.stateKey(env, request, this.render(env, request, saved));
    if (!(await loadKvState(lease.sequence, request.kvFile, key, meta))) return false;
    session.ledger = saved.ledger;
    session.drop = saved.drop;
    return true;
  }

  private async prepare(env: Loaded, lease: Lease, request: ReplyRequest, session: Session): Promise<{ prompt: RenderedPrompt; restored: boolean }> {
    const restored = await this.restore(env, lease, request, session);
    const { prompt, fits } = this.fit(env, request, session);
    if (!fits) {
      throw new StudioError(
        'failed',
        `the profile and the last message need ${prompt.tokens.length} tokens, more than this chat's context of ${env.pool.contextSize} leaves beside the reply: shorten the profile or the message, or lower max tokens`,
      );
    }
    return { prompt, restored };
  }

  private remember(session: Session, decoded: DecodedReply): void {
    if (!decoded.tokens || decoded.text === '') return;
    session.ledger.delete(decoded.text);
    session.ledger.set(decoded.text, decoded.tokens);
    while (session.ledger.size > LEDGER_LIMIT) session.ledger.delete(session.ledger.keys().next().value!);
  }

  private async save(env: Loaded, sequence: LlamaContextSequence, request: ReplyRequest, session: Session, prompt: RenderedPrompt): Promise<void> {
    if (!request.kvFile) return;
    try {
      await saveKvState(sequence, request.kvFile, {
        key: await this.stateKey(env, request, prompt),
        tokens: sequence.nextTokenIndex,
        drop: session.drop,
        ledger: [...session.ledger],
      });
    } catch {
      // The saved state only saves time on the next start; a chat works without it.
    }
  }

  private result(env: Loaded, decoded: DecodedReply, prompt: RenderedPrompt, session: Session, restored: boolean): ReplyResult {
    return replyResult(decoded, { promptTokens: prompt.tokens.length, droppedTurns: session.drop, contextSize: env.pool.contextSize, restoredState: restored });
  }

  /** Generates one reply, streaming its text; resolves once the reply is complete (or stopped). */
  reply(request: ReplyRequest, onPacket: (packet: ReplyPacket) => void, signal: AbortSignal): Promise<ReplyResult> {
    const session = this.session(request.session);
    return enqueue<ReplyResult>(session, async (deliver) => {
      const env = await this.setup();
      const lease = await env.pool.lease(request.adapter, request.session);
      try {
        const { prompt, restored } = await this.prepare(env, lease, request, session);
        onPacket({ type: 'prompt', promptTokens: prompt.tokens.length, droppedTurns: session.drop, restoredState: restored });
        const decoded = await decodeReply({
          model: env.model, sequence: lease.sequence, prompt: prompt.tokens, stopStrings: [...env.format.stopStrings, ...(request.stop ?? [])],
          sampler: request.sampler, signal, onText: (text) => onPacket({ type: 'token', text }),
        });
        this.remember(session, decoded);
        deliver(this.result(env, decoded, prompt, session, restored));
        await this.save(env, lease.sequence, request, session, prompt);
      } finally {
        lease.release();
      }
    });
  }

  /** Completes raw prompt text: no chat format, nothing saved; the session's KV cache is reused by common prefix, as for replies. */
  complete(request: RawCompletionRequest, onPacket: (packet: ReplyPacket) => void, signal: AbortSignal): Promise<ReplyResult> {
    return enqueue(this.session(request.session), async () => {
      const env = await this.setup();
      const tokens = rawPromptTokens(env.model, request.prompt, env.pool.contextSize, request.sampler.maxTokens);
      const lease = await env.pool.lease(request.adapter, request.session);
      try {
        onPacket({ type: 'prompt', promptTokens: tokens.length, droppedTurns: 0, restoredState: false });
        const decoded = await decodeReply({
          model: env.model, sequence: lease.sequence, prompt: tokens, stopStrings: request.stop,
          sampler: request.sampler, signal, onText: (text) => onPacket({ type: 'token', text }),
        });
        return replyResult(decoded, { promptTokens: tokens.length, droppedTurns: 0, contextSize: env.pool.contextSize, restoredState: false });
      } finally {
        lease.release();
      }
    });
  }

  /** Two replies for the same turn (compare-pair.ts): the chat's own lane, and a second one beside it that saves nothing. */
  replyPair(
    request: ReplyRequest, lanes: readonly [Lane, Lane], onPacket: (lane: 0 | 1, packet: ReplyPacket) => void, signal: AbortSignal,
  ): Promise<[ReplyResult, ReplyResult]> {
    const session = this.session(request.session);
    return enqueue<[ReplyResult, ReplyResult]>(session, async (deliver) => {
      const env = await this.setup();
      const shared = adapterKey(lanes[0].adapter) === adapterKey(lanes[1].adapter);
      const requestA = { ...request, ...lanes[0] };
      const requestB = { ...request, ...lanes[1], session: compareLane(request.session), kvFile: null };
      const { leases: [leaseA, leaseB], release } = await leasePair(env.pool, [requestA, requestB]);
      try {
        const { prompt, restored } = await this.prepare(env, leaseA, requestA, session);
        const laneSession = { ...session, ledger: new Map(session.ledger) };
        const promptB = shared ? prompt : this.fit(env, requestB, laneSession).prompt;
        for (const lane of [0, 1] as const) {
          onPacket(lane, { type: 'prompt', promptTokens: (lane === 0 ? prompt : promptB).tokens.length, droppedTurns: session.drop, restoredState: restored });
        }
        const [a, b] = await decodePair({
          model: env.model, shared, signal, stopStrings: [...env.format.stopStrings, ...(request.stop ?? [])],
          lanes: [
            { lease: leaseA, prompt: prompt.tokens, sampler: requestA.sampler },
            { lease: leaseB, prompt: promptB.tokens, sampler: requestB.sampler },
          ],
          onText: (lane, text) => onPacket(lane, { type: 'token', text }),
        });
        this.remember(session, a);
        deliver([this.result(env, a, prompt, session, restored), this.result(env, b, promptB, session, false)]);
        await this.save(env, leaseA.sequence, requestA, session, prompt);
      } finally {
        release();
      }
    });
  }

  /** The prompt the next reply of this chat would be sent (exact text and token count). */
  async preview(request: ReplyRequest): Promise<PromptPreview> {
    const env = await this.setup();
    const current = this.session(request.session);
    const trial = { ...current, ledger: current.ledger, drop: current.drop };
    const { prompt, fits } = this.fit(env, request, trial);
    return {
      text: prompt.text,
      tokens: prompt.tokens.length,
      prefixTokens: prompt.prefixLength,
      droppedTurns: trial.drop,
      contextSize: env.pool.contextSize,
      fits,
    };
  }

  /** What the chat's prompt parts cost in tokens, and where its window starts now (nothing is evaluated). */
  async measure(request: ReplyRequest): Promise<WindowMeasure> {
    const env = await this.setup();
    const session = this.session(request.session);
    const prompt = this.render(env, request, { ledger: session.ledger, drop: 0 });
    return {
      prefix: prompt.prefixLength,
      turns: prompt.turnLengths(),
      tail: prompt.tailLength,
      budget: env.pool.contextSize - replyReserve(env.pool.contextSize, request.sampler.maxTokens),
      drop: session.drop,
    };
  }

  /** Forgets a chat's in-memory KV cache (deleted chat, or its history was rewritten). */
  async forget(key: string): Promise<void> {
    const drop = async (): Promise<void> => {
      await this.loaded?.pool.forget(key);
      await this.loaded?.pool.forget(compareLane(key));
      await this.loaded?.pool.forget(memorySession(key));
    };
    const session = this.sessions.get(key);
    if (!session) return drop();
    // In the session's queue, after the KV state save its last reply left (which holds the sequence busy): a
    // forget under it would skip that sequence, and the next reply would find it still taken. The session
    // object stays, emptied, so a reply asked for meanwhile still queues behind the forget.
    await enqueue(session, async () => {
      session.ledger = new Map();
      session.drop = 0;
      await drop();
    });
  }

  async dispose(): Promise<void> {
    // Replies resolve before their KV state is saved; disposing the contexts under a save crashes llama.cpp.
    await Promise.all([...this.sessions.values()].map((s) => s.tail));
    await this.setting?.promise.catch(() => undefined);
    await this.loaded?.pool.dispose();
    this.loaded = null;
    this.setting = null;
    this.sessions.clear();
  }
}
