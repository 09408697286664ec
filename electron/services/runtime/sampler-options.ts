import { TokenBias, type LlamaModel, type SequenceEvaluateOptions, type Token } from 'node-llama-cpp';
import type { ChatSampler } from '../../../shared/runtime/sampler-schema';

/** How many recent tokens the repetition penalty looks at (llama.cpp's `repeat_last_n` default). */
export const REPEAT_LAST_N = 64;

/**
 * A bias that never samples the end-of-sequence tokens. node-llama-cpp's TokenBias.set() skips them on
 * purpose, so the bias table is written directly (pinned node-llama-cpp 3.21.1; a unit test proves the
 * ban still holds after an upgrade).
 */
function banEndOfSequence(model: LlamaModel): TokenBias {
  const bias = new TokenBias(model.tokenizer);
  const table = (bias as unknown as { _biases: Map<Token, number> })._biases;
  for (const token of [model.tokens.eos, model.tokens.eot]) if (token !== null) table.set(token, -Infinity);
  return bias;
}

/**
 * The sampler settings as llama.cpp options. The repetition penalty is llama.cpp's multiplicative one over
 * the last 64 tokens (prompt and reply); a null seed draws a fresh one so regenerating gives a new reply.
 */
export function evaluateOptions(settings: ChatSampler, recentTokens: () => Token[], model: LlamaModel): SequenceEvaluateOptions & { seed: number } {
  return {
    ...(settings.banEos ? { tokenBias: banEndOfSequence(model) } : {}),
    temperature: settings.temperature,
    topP: settings.topP,
    topK: settings.topK,
    minP: settings.minP,
    seed: settings.seed ?? Math.floor(Math.random() * 0xffffffff),
    repeatPenalty: settings.repeatPenalty === 1
      ? undefined
      : { punishTokens: () => recentTokens().slice(-REPEAT_LAST_N), maxPunishTokens: REPEAT_LAST_N, penalty: settings.repeatPenalty },
  };
}
