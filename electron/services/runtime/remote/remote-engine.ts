import { basename, dirname } from 'node:path';
import { StudioError } from '../../../../shared/contract/errors';
import { CHARACTERGLM_STOP_STRINGS } from '../../../../shared/prompt/characterglm-format';
import type { ReplyPacket, ReplyResult, StopReason } from '../../../../shared/runtime/generation';
import { ReplyText } from '../../../../shared/runtime/reply-text';
import type { ChatSampler } from '../../../../shared/runtime/sampler-schema';
import type { Lane, PromptPreview, ReplyRequest } from '../chat-engine';
import type { AdapterSpec } from '../context-pool';
import type { UrlGuard } from '../../models/download/address-guard';
import type { ReplyEngine } from '../reply-engine';
import { REPEAT_LAST_N } from '../sampler-options';
import { remotePrompt, type RemotePrompt } from './remote-prompt';
import { RemoteServer, type CompletionRequest } from './remote-server';
import type { RemoteServerInfo } from './remote-wire';
import { compareLane } from '../session-key';

// Chat through an OpenAI-compatible server (DESIGN.md §10): the studio renders the exact CharacterGLM
// prompt text, fits it to the server's context with the server's own token counts, and streams raw
// `/v1/completions` into the same packets the local engine sends. The server keeps its own KV cache
// (llama-server reuses a slot's common prefix), so nothing of the chat is held here but the window's start.

/** Where the remote server is, as Settings → Runtime says now. */
export interface RemoteConfig {
  url: string;
  apiKey: string | null;
  model: string;
}

/** A server's context when it does not say (the studio's own default window). */
const ASSUMED_CONTEXT = 4096;
/** Generous for any tokenizer's longest piece: more text per asked token than this is a misbehaving server. */
const MAX_CHARS_PER_TOKEN = 64;
/** Token counts kept per server: a chat's lines are counted once. */
const COUNT_CACHE_LIMIT = 20_000;

interface Connection {
  key: string;
  server: RemoteServer;
  info: RemoteServerInfo;
  counts: Map<string, number>;
}

export class RemoteEngine implements ReplyEngine {
  private connection: Connection | null = null;
  /** Each chat's first kept turn, so the window's start stays put between evictions (as locally). */
  private readonly drops = new Map<string, number>();

  constructor(
    private readonly config: () => Promise<RemoteConfig>,
    /** Remote serve mode: addresses on the server's own network are refused. */
    private readonly checkUrl?: UrlGuard,
  ) {}

  /** The server as configured now, asked what it serves once per address, key and model. */
  private async connect(): Promise<Connection> {
    const config = await this.config();
    const key = JSON.stringify([config.url, config.apiKey, config.model]);
    if (this.connection?.key === key) return this.connection;
    const server = new RemoteServer(config.url, config.apiKey, config.model, this.checkUrl);
    const info = await server.info();
    if (config.model !== '' && !info.models.includes(config.model)) {
      throw new StudioError('not_found', `the remote server at ${config.url} has no model "${config.model}" (it lists ${info.models.slice(0, 5).join(', ') || 'none'}): pick one in Settings → Runtime`);
    }
    this.connection = { key, server, info, counts: new Map() };
    return this.connection;
  }

  /** What the server reports (for Settings → Runtime's check); asks again. */
  async check(): Promise<RemoteServerInfo & { url: string }> {
    this.connection = null;
    const { server, info } = await this.connect();
    return { ...info, url: server.url };
  }

  private async count(connection: Connection, text: string): Promise<number> {
    const known = connection.counts.get(text);
    if (known !== undefined) return known;
    // Without a tokenize route a character is counted as a token: over the mark for CharacterGLM's
    // tokenizer (about 1.5 characters a token in Chinese), so the window errs on the short side.
    const tokens = (await connection.server.tokenize(text))?.length ?? text.length;
    if (connection.counts.size >= COUNT_CACHE_LIMIT) connection.counts.clear();
    connection.counts.set(text, tokens);
    return tokens;
  }

  private contextSize(connection: Connection): number {
    return connection.info.contextSize ?? ASSUMED_CONTEXT;
  }

  private async prompt(connection: Connection, request: ReplyRequest): Promise<RemotePrompt> {
    const prompt = await remotePrompt(request, this.contextSize(connection), (text) => this.count(connection, text), {
      withPrefix: connection.info.addsSpecial !== true, previousDrop: this.drops.get(request.session) ?? 0,
    });
    this.drops.set(request.session, prompt.drop);
    return prompt;
  }

  /** The adapter as this server names it: llama-server's id of the same file or name, vLLM's served model. */
  private adapterFor(connection: Connection, adapter: AdapterSpec | null): { lora?: CompletionRequest['lora']; model?: string } {
    const adapters = connection.info.adapters;
    if (!adapter) return adapters ? { lora: adapters.map((a) => ({ id: a.id, scale: 0 })) } : {};
    // the studio keeps adapters as <name>/adapter.gguf: the server may have the same path, the folder, or <name>.gguf
    const name = basename(dirname(adapter.path));
    const matches = (path: string): boolean => {
      const parts = path.split(/[\\/]/);
      const file = parts.at(-1) ?? '';
      return path === adapter.path || file === `${name}.gguf` || (file === basename(adapter.path) && parts.at(-2) === name);
    };
    if (adapters) {
      const found = adapters.find((a) => matches(a.path));
      if (!found) {
        throw new StudioError('unsupported', `the remote server has no adapter "${name}" loaded: start llama-server with --lora pointing at a copy of ${adapter.path} named ${name}.gguf (it lists ${adapters.map((a) => a.path).join(', ') || 'no adapters'})`);
      }
      return { lora: adapters.map((a) => ({ id: a.id, scale: a.id === found.id ? adapter.scale : 0 })) };
    }
    if (connection.info.models.includes(name)) return { model: name };
    throw new StudioError('unsupported', `the remote server cannot apply adapter "${name}": it has no adapter list, and no model named "${name}" (vLLM serves an adapter as a model: --lora-modules ${name}=<path>)`);
  }

  private body(connection: Connection, prompt: RemotePrompt, sampler: ChatSampler, adapter: AdapterSpec | null, stops: readonly string[]): { body: CompletionRequest; model?: string } {
    const { lora, model } = this.adapterFor(connection, adapter);
    const room = this.contextSize(connection) - prompt.tokens;
    return {
      body: {
        prompt: prompt.text,
        max_tokens: Math.max(1, Math.min(sampler.maxTokens, room)),
        temperature: sampler.temperature,
        top_p: sampler.topP,
        top_k: sampler.topK,
        min_p: sampler.minP,
        seed: sampler.seed ?? Math.floor(Math.random() * 0xffffffff),
        stop: [...stops],
        repeat_penalty: sampler.repeatPenalty,
        repetition_penalty: sampler.repeatPenalty,
        repeat_last_n: REPEAT_LAST_N,
        ...(sampler.banEos ? { ignore_eos: true } : {}),
        ...(lora ? { lora } : {}),
      },
      ...(model ? { model } : {}),
    };
  }

  private tooLong(connection: Connection, prompt: RemotePrompt): StudioError {
    return new StudioError('failed', `the profile and the last message need ${prompt.tokens} tokens, more than the remote server's context of ${this.contextSize(connection)} leaves beside the reply: shorten the profile or the message, or lower max tokens`);
  }

  async reply(request: ReplyRequest, onPacket: (packet: ReplyPacket) => void, signal: AbortSignal): Promise<ReplyResult> {
    const connection = await this.connect();
    const prompt = await this.prompt(connection, request);
    if (!prompt.fits) throw this.tooLong(connection, prompt);
    // The request's own stops too (every participant's tag in a scene), on the server and here.
    const stops = [...CHARACTERGLM_STOP_STRINGS, ...(request.stop ?? [])];
    const { body, model } = this.body(connection, prompt, request.sampler, request.adapter, stops);
    onPacket({ type: 'prompt', promptTokens: prompt.tokens, droppedTurns: prompt.drop, restoredState: false });
    return this.stream(connection, body, model, prompt, onPacket, signal);
  }

  private async stream(
    connection: Connection, body: CompletionRequest, model: string | undefined, prompt: RemotePrompt,
    onPacket: (packet: ReplyPacket) => void, signal: AbortSignal,
  ): Promise<ReplyResult> {
    const started = performance.now();
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const text = new ReplyText(body.stop);
    let full = '';
    let final: string | null = null;
    let stopReason: StopReason = 'eos';
    let firstAt = 0;
    let chunks = 0;
    let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
    let timings: { prompt_n?: number | undefined; cache_n?: number | undefined } | null = null;
    try {
      for await (const chunk of connection.server.complete(body, stop.signal, model)) {
        usage = chunk.usage ?? usage;
        timings = chunk.timings ?? timings;
        const choice = chunk.choices[0];
        if (!choice) continue;
        if (choice.text !== '') {
          firstAt ||= performance.now();
          chunks++;
          full += choice.text;
          // a server that sends far more than it was asked for would make every step longer; it is cut off
          if (chunks > body.max_tokens * 2 + 16 || full.length > body.max_tokens * MAX_CHARS_PER_TOKEN) {
            throw new StudioError('bad_file', `the remote server at ${connection.server.url} sent more than the ${body.max_tokens} tokens asked for`);
          }
          const step = text.push(full);
          if (step.emit) onPacket({ type: 'token', text: step.emit });
          if (step.stopped) {
            final = step.text;
            stopReason = 'speaker';
            stop.abort();
            break;
          }
        }
        if (choice.finish_reason) stopReason = choice.finish_reason === 'length' ? 'length' : 'eos';
      }
    } catch (error) {
      if (!stop.signal.aborted) throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted && final === null) stopReason = 'cancelled';
    if (final === null) {
      const end = text.finish(full);
      if (end.emit) onPacket({ type: 'token', text: end.emit });
      final = end.text;
    }
    const done = performance.now();
    const generated = usage?.completion_tokens ?? chunks;
    const evaluated = timings?.prompt_n ?? usage?.prompt_tokens ?? prompt.tokens;
    const ttft = (firstAt || done) - started;
    const decodeMs = firstAt ? done - firstAt : 0;
    return {
      text: final.trimEnd(),
      stopReason,
      stats: {
        promptTokens: usage?.prompt_tokens ?? prompt.tokens,
        evaluatedTokens: evaluated,
        reusedTokens: timings?.cache_n ?? 0,
        generatedTokens: generated,
        droppedTurns: prompt.drop,
        contextSize: this.contextSize(connection),
        restoredState: false,
        timeToFirstTokenMs: ttft,
        prefillTokensPerSecond: ttft > 0 ? (evaluated / ttft) * 1000 : 0,
        decodeTokensPerSecond: decodeMs > 0 ? ((generated - 1) / decodeMs) * 1000 : 0,
        totalMs: done - started,
      },
    };
  }

  /** Two replies for the same turn, as two requests side by side (the server batches them in its slots). */
  async replyPair(
    request: ReplyRequest, lanes: readonly [Lane, Lane], onPacket: (lane: 0 | 1, packet: ReplyPacket) => void, signal: AbortSignal,
  ): Promise<[ReplyResult, ReplyResult]> {
    const [a, b] = await Promise.all(lanes.map((lane, i) =>
      this.reply({ ...request, ...lane, session: i === 0 ? request.session : compareLane(request.session) }, (packet) => onPacket(i as 0 | 1, packet), signal)));
    return [a!, b!];
  }

  async preview(request: ReplyRequest): Promise<PromptPreview> {
    const connection = await this.connect();
    const prompt = await this.prompt(connection, request);
    return { text: prompt.text, tokens: prompt.tokens, prefixTokens: prompt.prefixTokens, droppedTurns: prompt.drop, contextSize: this.contextSize(connection), fits: prompt.fits };
  }

  async forget(session: string): Promise<void> {
    this.drops.delete(session);
  }

  async dispose(): Promise<void> {
    this.drops.clear();
    this.connection = null;
  }
}
