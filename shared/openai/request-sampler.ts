import { samplerSettingsSchema, type ChatSampler } from '../runtime/sampler-schema';
import { invalidRequest } from './openai-error';
import type { SamplingRequest } from './openai-requests';

// How a request's sampling fields become the studio's sampler settings. What the request leaves out keeps
// the character's defaults; the ranges are the studio's own (sampler-schema.ts), so a value chat would
// refuse is refused here too, under the request's field name. What the studio cannot do is refused by
// name rather than ignored: a client that asked for a penalty or three choices must not believe it got them.

const WIRE_NAMES: Record<keyof ChatSampler, string> = {
  temperature: 'temperature', topP: 'top_p', topK: 'top_k', minP: 'min_p', repeatPenalty: 'repetition_penalty',
  maxTokens: 'max_tokens', seed: 'seed', banEos: 'ignore_eos',
};

function refuse(param: string, why: string): never {
  throw invalidRequest('unsupported_parameter', `${param}: ${why}`, param);
}

/** Throws the 400 for the first field that asks for something the studio cannot do. */
export function refuseUnsupported(request: SamplingRequest): void {
  if (request.n != null && request.n !== 1) refuse('n', 'the studio writes one choice per request');
  for (const param of ['frequency_penalty', 'presence_penalty'] as const) {
    if (request[param]) refuse(param, 'not supported: use repetition_penalty (multiplicative, as llama.cpp and vLLM take it)');
  }
  if (request.logit_bias && Object.keys(request.logit_bias).length > 0) refuse('logit_bias', 'not supported');
  if ('messages' in request) {
    if (request.logprobs || request.top_logprobs) refuse(request.logprobs ? 'logprobs' : 'top_logprobs', 'log-probabilities are not returned');
    if (request.tools?.length) refuse('tools', 'CharacterGLM does not call tools');
    if (request.functions?.length) refuse('functions', 'CharacterGLM does not call functions');
    if (request.response_format && request.response_format.type !== 'text') refuse('response_format', 'only text replies are written');
  } else {
    if (request.logprobs != null) refuse('logprobs', 'log-probabilities are not returned');
    if (request.echo) refuse('echo', 'the prompt is not echoed');
    if (request.best_of != null && request.best_of !== 1) refuse('best_of', 'the studio writes one completion per request');
    if (request.suffix) refuse('suffix', 'insertion is not supported');
  }
}

/** The sampler for a request: its fields over the character's defaults. A seed of -1 (llama.cpp's "random") draws a fresh one. */
export function samplerFor(request: SamplingRequest, defaults: ChatSampler): ChatSampler {
  const maxCompletion = 'max_completion_tokens' in request ? request.max_completion_tokens : null;
  const given: Record<string, unknown> = {
    temperature: request.temperature, topP: request.top_p, topK: request.top_k, minP: request.min_p,
    repeatPenalty: request.repetition_penalty, maxTokens: maxCompletion ?? request.max_tokens, banEos: request.ignore_eos,
    seed: request.seed === -1 ? undefined : request.seed,
  };
  const patch: Record<string, unknown> = Object.fromEntries(Object.entries(given).filter(([, value]) => value != null));
  if (request.seed === -1) patch.seed = null;
  const parsed = samplerSettingsSchema.partial().safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path[0] as keyof ChatSampler;
    const param = key === 'maxTokens' && maxCompletion != null ? 'max_completion_tokens' : WIRE_NAMES[key];
    throw invalidRequest('invalid_value', `${param}: ${issue.message}`, param);
  }
  return { ...defaults, ...parsed.data };
}

/** The request's stop sequences as a list. */
export function stopStrings(request: SamplingRequest): string[] {
  if (request.stop == null) return [];
  return typeof request.stop === 'string' ? [request.stop] : request.stop;
}
