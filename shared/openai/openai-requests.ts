import { z } from 'zod';

// The requests of the OpenAI-compatible API as they arrive, checked at the boundary. Fields the studio
// cannot honour are typed here loosely and refused by name in request-sampler.ts, so the client reads
// which one to drop; fields it has never heard of are ignored, as OpenAI-compatible servers do (clients
// send their own extras, e.g. `user`).

/** Stop sequences per request: OpenAI allows 4; SillyTavern adds one per participant, so more are taken. */
export const MAX_STOP_STRINGS = 16;
/** Messages per chat request; far more than any context holds, small enough to walk at once. */
export const MAX_MESSAGES = 10_000;
const MAX_NAME_LENGTH = 200;

const stopSchema = z
  .union([z.string().min(1).max(500), z.array(z.string().min(1).max(500)).max(MAX_STOP_STRINGS)])
  .nullish();

/** Sampling and streaming fields both endpoints take (OpenAI's, plus the llama-server and vLLM extensions the studio's sampler has). */
const samplingFields = {
  model: z.string().min(1).max(500),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  max_tokens: z.number().int().nullish(),
  stop: stopSchema,
  seed: z.number().int().nullish(),
  top_k: z.number().int().nullish(),
  min_p: z.number().nullish(),
  repetition_penalty: z.number().nullish(),
  ignore_eos: z.boolean().nullish(),
  // Refused unless they ask for nothing (request-sampler.ts): the studio has no such samplers.
  frequency_penalty: z.number().nullish(),
  presence_penalty: z.number().nullish(),
  n: z.number().int().nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
};

const textPartSchema = z.object({ type: z.literal('text'), text: z.string() });

/** One message of a chat request. `developer` is OpenAI's newer name for `system`. */
export const chatMessageSchema = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant'], {
    error: 'role must be system, developer, user or assistant (tool messages are not supported)',
  }),
  // Null for an assistant message that only called tools; read as empty.
  content: z
    .union([z.string(), z.array(textPartSchema)], { error: 'content must be text: a string or text parts (images, audio and files are not read)' })
    .nullable(),
  name: z.string().max(MAX_NAME_LENGTH).optional(),
});

/** A chat message as checked. */
export type ChatMessageInput = z.output<typeof chatMessageSchema>;

/** `POST /v1/chat/completions`. */
export const chatCompletionRequestSchema = z.object({
  ...samplingFields,
  messages: z.array(chatMessageSchema).min(1).max(MAX_MESSAGES),
  max_completion_tokens: z.number().int().nullish(),
  // Refused unless they ask for nothing (request-sampler.ts).
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().nullish(),
  tools: z.array(z.unknown()).nullish(),
  functions: z.array(z.unknown()).nullish(),
  response_format: z.object({ type: z.string() }).nullish(),
});

/** A chat request as checked. */
export type ChatCompletionRequest = z.output<typeof chatCompletionRequestSchema>;

/** `POST /v1/completions`: one prompt string (an array holding one string is the same prompt). */
export const completionRequestSchema = z.object({
  ...samplingFields,
  prompt: z.union([z.string(), z.tuple([z.string()])], {
    error: 'prompt must be one string (token arrays and several prompts per request are not supported)',
  }),
  // Refused unless they ask for nothing (request-sampler.ts).
  logprobs: z.number().int().nullish(),
  echo: z.boolean().nullish(),
  best_of: z.number().int().nullish(),
  suffix: z.string().nullish(),
});

/** A completion request as checked. */
export type CompletionRequest = z.output<typeof completionRequestSchema>;

/** The sampling fields of either request. */
export type SamplingRequest = ChatCompletionRequest | CompletionRequest;

/** The prompt text of a completion request. */
export function promptText(request: CompletionRequest): string {
  return typeof request.prompt === 'string' ? request.prompt : request.prompt[0];
}
