import { createParser } from 'eventsource-parser';
import { StudioError } from '../../../../shared/contract/errors';
import { openAiBase, serverRoot } from '../../../../shared/runtime/remote-url';
import type { UrlGuard } from '../../models/download/address-guard';
import { networkDetail, readBounded } from '../../models/download/http-request';
import { completionChunkSchema, remoteInfoFrom, type CompletionChunk, type RemoteServerInfo } from './remote-wire';

// One OpenAI-compatible server (llama.cpp's llama-server, vLLM, …) as the studio uses it: what it serves,
// its tokenizer, and streamed raw-text completions. The server is the user's, but what it sends back is
// read as a stranger's: bodies and streams are bounded, every field is checked, redirects are refused (the
// API key must not follow one to another host).

/** A JSON answer (model list, props, tokens) larger than this is not one. */
const MAX_JSON_BYTES = 4 * 2 ** 20;
/** How long a question (models, props, tokens) may take: a server that holds it open is named, not waited on. */
const JSON_TIMEOUT_MS = 30_000;
/** A reply's whole event stream: max tokens × an event of a few hundred bytes stays far below this. */
const MAX_STREAM_BYTES = 32 * 2 ** 20;

/** The body of a `/v1/completions` request, as the studio fills it. */
export interface CompletionRequest {
  prompt: string;
  max_tokens: number;
  temperature: number;
  top_p: number;
  top_k: number;
  min_p: number;
  seed: number;
  stop: string[];
  /** llama-server's name for the repetition penalty; vLLM's is `repetition_penalty` (both are sent). */
  repeat_penalty: number;
  repetition_penalty: number;
  repeat_last_n: number;
  /** llama-server's adapters for this request: every one it has, at scale 0 unless chosen. */
  lora?: { id: number; scale: number }[];
  /** End-of-sequence never ends the reply (the chat's "ban EOS"); llama-server and vLLM both read it. */
  ignore_eos?: boolean;
}

/** An error status from the server, kept so optional routes can tell "not here" from a failure. */
class RemoteStatusError extends StudioError {
  constructor(code: ConstructorParameters<typeof StudioError>[0], message: string, readonly status: number) {
    super(code, message);
  }
}

export class RemoteServer {
  constructor(
    readonly url: string,
    private readonly apiKey: string | null,
    /** The model name sent; '' lets the server choose. */
    readonly model: string,
    /** Remote serve mode: the server's own network is refused (the address came from a page). */
    private readonly checkUrl?: UrlGuard,
  ) {}

  private headers(json: boolean): Record<string, string> {
    return {
      accept: json ? 'application/json' : 'text/event-stream',
      ...(json ? {} : { 'content-type': 'application/json' }),
      ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
    };
  }

  /** Sends one request; a network failure or an error status becomes a message that names the server. */
  private async send(target: string, init: { method: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal; stream?: boolean }): Promise<Response> {
    await this.checkUrl?.(new URL(target));
    let response: Response;
    try {
      response = await fetch(target, {
        method: init.method,
        headers: { ...this.headers(!init.stream), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        redirect: 'manual',
        signal: init.signal ?? null,
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new StudioError('failed', `cannot reach the remote server at ${this.url} (${networkDetail(error)}): is it running, and is the address in Settings → Runtime right?`);
    }
    if (response.ok) return response;
    const detail = await readBounded(response, 64 * 1024, `${target}`, 'not an error message').then(errorMessage, () => '');
    const said = detail ? `: ${detail}` : '';
    const { status } = response;
    if (status === 401 || status === 403) {
      throw new RemoteStatusError('unauthorized', `the remote server at ${this.url} refused the request (${status})${said}: ${this.apiKey ? 'check the API key' : 'it needs an API key'} in Settings → Runtime`, status);
    }
    if (status >= 300 && status < 400) {
      throw new RemoteStatusError('failed', `the remote server at ${this.url} redirects (${status}) to ${response.headers.get('location') ?? 'elsewhere'}: put that address in Settings → Runtime`, status);
    }
    if (status === 404 && /model/i.test(detail)) {
      throw new RemoteStatusError('not_found', `the remote server at ${this.url} has no model "${this.model}"${said}: pick one it lists in Settings → Runtime`, status);
    }
    throw new RemoteStatusError('failed', `the remote server at ${this.url} answered ${status} to ${new URL(target).pathname}${said}`, status);
  }

  private async json(target: string, body?: unknown): Promise<unknown> {
    const signal = AbortSignal.timeout(JSON_TIMEOUT_MS);
    let text: string;
    try {
      const response = await this.send(target, { method: body === undefined ? 'GET' : 'POST', body, signal });
      text = await readBounded(response, MAX_JSON_BYTES, target, 'not an answer of an OpenAI-compatible server');
    } catch (error) {
      if (!signal.aborted) throw error;
      throw new StudioError('failed', `the remote server at ${this.url} did not answer ${new URL(target).pathname} in ${JSON_TIMEOUT_MS / 1000} s`);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new StudioError('bad_file', `${target}: the answer is not JSON (is ${this.url} an OpenAI-compatible server?)`);
    }
  }

  /** A request that may not exist on this kind of server: null when it answers 404 or 405. */
  private async optionalJson(target: string, body?: unknown): Promise<unknown> {
    try {
      return await this.json(target, body);
    } catch (error) {
      if (error instanceof RemoteStatusError && (error.status === 404 || error.status === 405)) return null;
      throw error;
    }
  }

  /** What the server serves: its models (this also checks the address and the key), context and adapters. */
  async info(): Promise<RemoteServerInfo> {
    const root = serverRoot(this.url);
    const models = await this.json(`${openAiBase(this.url)}/models`);
    const [props, adapters] = await Promise.all([this.optionalJson(`${root}/props`), this.optionalJson(`${root}/lora-adapters`)]);
    const probe = '你好';
    const [plain, special] = await Promise.all([this.tokenize(probe, false), this.tokenize(probe, true)]);
    return remoteInfoFrom({ models, props, adapters, model: this.model, addsSpecial: plain && special ? special.length > plain.length : null });
  }

  /** The server's tokens for `text` (null when it has no tokenize route). */
  async tokenize(text: string, addSpecial = false): Promise<number[] | null> {
    // llama-server reads `content`/`add_special`, vLLM `prompt`/`add_special_tokens`; each ignores the other's.
    const answer = await this.optionalJson(`${serverRoot(this.url)}/tokenize`, {
      content: text, prompt: text, add_special: addSpecial, add_special_tokens: addSpecial, ...(this.model ? { model: this.model } : {}),
    });
    if (answer === null) return null;
    const tokens = (answer as { tokens?: unknown }).tokens;
    if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'number')) {
      throw new StudioError('bad_file', `${this.url}: /tokenize answered without a list of token ids`);
    }
    return tokens as number[];
  }

  /**
   * Streams one raw-text completion; closing `signal` stops the server's generation. `model` names another
   * model than the configured one (vLLM serves each adapter as a model).
   */
  async *complete(request: CompletionRequest, signal: AbortSignal, model = this.model): AsyncGenerator<CompletionChunk> {
    const target = `${openAiBase(this.url)}/completions`;
    const body = { ...request, ...(model ? { model } : {}), stream: true, stream_options: { include_usage: true } };
    const response = await this.send(target, { method: 'POST', body, signal, stream: true });
    const queue: CompletionChunk[] = [];
    let failure: StudioError | null = null;
    let done = false;
    const parser = createParser({
      onEvent: (event) => {
        if (event.data === '[DONE]') {
          done = true;
          return;
        }
        let raw: unknown;
        try {
          raw = JSON.parse(event.data);
        } catch {
          failure ??= new StudioError('bad_file', `${target}: an event of the reply is not JSON`);
          return;
        }
        const error = (raw as { error?: { message?: unknown } }).error;
        if (error) {
          failure ??= new StudioError('failed', `the remote server ended the reply with an error: ${String(error.message ?? 'no message').slice(0, 300)}`);
          return;
        }
        const parsed = completionChunkSchema.safeParse(raw);
        if (!parsed.success) failure ??= new StudioError('bad_file', `${target}: an event of the reply is not a completion chunk`);
        else queue.push(parsed.data);
      },
    });
    const decoder = new TextDecoder();
    let size = 0;
    try {
      for await (const bytes of response.body ?? []) {
        size += bytes.byteLength;
        if (size > MAX_STREAM_BYTES) throw new StudioError('bad_file', `${target}: the reply's stream passed ${MAX_STREAM_BYTES} bytes`);
        parser.feed(decoder.decode(bytes, { stream: true }));
        if (failure) throw failure;
        while (queue.length > 0) yield queue.shift()!;
        if (done) return;
      }
    } catch (error) {
      if (signal.aborted || error instanceof StudioError) throw error;
      throw new StudioError('failed', `the remote server at ${this.url} dropped the reply (${networkDetail(error)})`);
    }
    if (failure) throw failure;
    while (queue.length > 0) yield queue.shift()!;
    if (!done && !signal.aborted) throw new StudioError('failed', `the remote server at ${this.url} closed the reply before it ended`);
  }
}

/** The message of an OpenAI-style error body (`{"error":{"message":…}}`), or the text itself, short. */
function errorMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } | string }).error;
    const said = typeof message === 'string' ? message : message?.message;
    if (typeof said === 'string') return said.slice(0, 300);
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 300);
}
