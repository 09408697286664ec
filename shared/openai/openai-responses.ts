import type { ReplyStats, StopReason } from '../runtime/generation';

// The response bodies of the OpenAI-compatible API, whole and streamed, for chat (`chat.completion`) and
// raw text (`text_completion`). One shape object per endpoint, so one writer streams both.

/** Token counts, as OpenAI reports them. */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** OpenAI's name for prompt tokens read from a cache: here, those reused from the KV cache of the conversation's previous request. */
  prompt_tokens_details: { cached_tokens: number };
}

/** Why a reply ended, in OpenAI's words. */
export type FinishReason = 'stop' | 'length';

/** What every response and chunk of one request repeats. */
export interface ResponseHead {
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
}

/** The usage of a finished reply: prompt tokens (and how many of them the KV cache held already) and generated tokens. */
export function usageOf(stats: Pick<ReplyStats, 'promptTokens' | 'reusedTokens' | 'generatedTokens'>): Usage {
  return {
    prompt_tokens: stats.promptTokens,
    completion_tokens: stats.generatedTokens,
    total_tokens: stats.promptTokens + stats.generatedTokens,
    prompt_tokens_details: { cached_tokens: stats.reusedTokens },
  };
}

/** End of sequence, a new speaker line and a stop sequence are all "stop"; max tokens or a full context is "length". */
export function finishReason(stop: StopReason): FinishReason {
  return stop === 'length' ? 'length' : 'stop';
}

/** How one endpoint's responses look. */
export interface ResponseShape {
  /** Starts the response id (`chatcmpl-…`, `cmpl-…`). */
  idPrefix: string;
  /** The reply at once. */
  whole: (head: ResponseHead, text: string, finish: FinishReason, usage: Usage) => object;
  /** The first streamed chunk, before any text (chat clients read the role from it). */
  opening?: (head: ResponseHead) => object;
  /** A streamed piece of text. */
  piece: (head: ResponseHead, text: string) => object;
  /** The chunk that ends the stream's choice. */
  closing: (head: ResponseHead, finish: FinishReason) => object;
  /** The last chunk when the client asked for usage (`stream_options.include_usage`). */
  usage: (head: ResponseHead, usage: Usage) => object;
}

const chatChunk = (head: ResponseHead, delta: object, finish: FinishReason | null): object => ({
  ...head, object: 'chat.completion.chunk', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
});

/** `/v1/chat/completions`. */
export const CHAT_RESPONSES: ResponseShape = {
  idPrefix: 'chatcmpl-',
  whole: (head, text, finish, usage) => ({
    ...head, object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: finish }], usage,
  }),
  opening: (head) => chatChunk(head, { role: 'assistant', content: '' }, null),
  piece: (head, text) => chatChunk(head, { content: text }, null),
  closing: (head, finish) => chatChunk(head, {}, finish),
  usage: (head, usage) => ({ ...head, object: 'chat.completion.chunk', choices: [], usage }),
};

const textChunk = (head: ResponseHead, text: string, finish: FinishReason | null): object => ({
  ...head, object: 'text_completion', choices: [{ index: 0, text, logprobs: null, finish_reason: finish }],
});

/** `/v1/completions`. */
export const TEXT_RESPONSES: ResponseShape = {
  idPrefix: 'cmpl-',
  whole: (head, text, finish, usage) => ({ ...textChunk(head, text, finish), usage }),
  piece: (head, text) => textChunk(head, text, null),
  closing: (head, finish) => textChunk(head, '', finish),
  usage: (head, usage) => ({ ...head, object: 'text_completion', choices: [], usage }),
};

/** One entry of `/v1/models`. */
export interface ApiModel {
  id: string;
  /** Unix seconds: when the character (or the adapter) was made. */
  created: number;
}

/** The `/v1/models` body. */
export function modelList(models: readonly ApiModel[]): object {
  return { object: 'list', data: models.map((m) => ({ id: m.id, object: 'model', created: m.created, owned_by: 'character-studio' })) };
}
