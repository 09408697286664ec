import type { SequenceEvaluateOptions, Token } from 'node-llama-cpp';
import type { SamplerSettings } from '../../../shared/prompt/sampling-defaults';

/** How many recent tokens the repetition penalty looks at (llama.cpp's `repeat_last_n` default). */
export const REPEAT_LAST_N = 64;

/**
 * The sampler settings as llama.cpp options. The repetition penalty is llama.cpp's multiplicative one over
 * the last 64 tokens (prompt and reply); a null seed draws a fresh one so regenerating gives a new reply.
 */
export function evaluateOptions(settings: SamplerSettings, recentTokens: () => Token[]): SequenceEvaluateOptions & { seed: number } {
  return {
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
