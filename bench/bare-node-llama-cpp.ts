import { getLlama, type SequenceEvaluateOptions, type Token } from 'node-llama-cpp';
import type { GpuBackend } from '../shared/runtime/runtime-status';

// The fair reference for the studio's runtime: node-llama-cpp alone — the same binary the studio loaded
// (same backend, so the same CPU variant node-llama-cpp picks at run time), no studio code, its defaults —
// on the same file, threads and context size, sampling with the same settings. llama-bench built here lacks
// that CPU variant.

/** The reply sampler as plain values, applied here through node-llama-cpp's own options. */
export interface BareSampler {
  temperature: number;
  topP: number;
  topK: number;
  minP: number;
  repeatPenalty: number;
  /** Tokens (prompt and reply) the repetition penalty looks back over. */
  repeatLastN: number;
  seed: number;
}

interface DecodeFigures { tokens: number; afterPromptTokens: number; tokensPerSecond: number; seconds: number[] }

export interface BareMeasurements {
  prefill: { promptTokens: number; tokensPerSecond: number; seconds: number[] };
  /** Sampled as the studio samples its replies: the figure the studio is compared with. */
  decode: DecodeFigures & { sampler: BareSampler };
  /** Greedy, as llama-bench's tg (no sampling at all) comes closest to: what the sampler itself costs. */
  decodeGreedy: DecodeFigures;
}

const TEXT = '茶馆里很安静，窗外的雨一直下着。她给客人倒了一杯热茶，慢慢说起小镇上的旧事。';

/**
 * Prefill of `promptTokens`, and decode of `decodeTokens` after `decodeAfter` tokens both with `sampler`
 * (the studio's reply settings) and greedily; the fastest of `repetitions`. A reply the model ends early
 * counts the tokens it did produce.
 */
export async function measureBare(
  modelPath: string, backend: GpuBackend, threads: number,
  o: { contextSize: number; promptTokens: number; decodeTokens: number; decodeAfter: number; sampler: BareSampler; repetitions?: number },
): Promise<BareMeasurements> {
  const llama = await getLlama({ gpu: backend === 'cpu' ? false : backend, logLevel: 'error' as never });
  try {
    const model = await llama.loadModel({ modelPath });
    const context = await model.createContext({ contextSize: o.contextSize, threads });
    const sequence = context.getSequence();
    const unit = model.tokenize(TEXT);
    const tokens = (count: number): Token[] => Array.from({ length: count }, (_, i) => unit[i % unit.length]!);
    const { sampler } = o;
    const prompt = tokens(o.decodeAfter);
    /** Seconds and tokens of one decode with `options` (built from the tokens generated so far). */
    const decodeOnce = async (options: (generated: Token[]) => SequenceEvaluateOptions): Promise<{ seconds: number; tokens: number }> => {
      await sequence.clearHistory();
      await sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(0, -1));
      const generated: Token[] = [];
      const started = performance.now();
      for await (const token of sequence.evaluate(prompt.slice(-1), options(generated))) {
        generated.push(token);
        if (generated.length >= o.decodeTokens) break;
      }
      return { seconds: (performance.now() - started) / 1000, tokens: generated.length };
    };
    const sampled = (generated: Token[]): SequenceEvaluateOptions => ({
      temperature: sampler.temperature, topP: sampler.topP, topK: sampler.topK, minP: sampler.minP, seed: sampler.seed,
      ...(sampler.repeatPenalty === 1 ? {} : {
        repeatPenalty: {
          punishTokens: () => [...prompt, ...generated].slice(-sampler.repeatLastN), maxPunishTokens: sampler.repeatLastN, penalty: sampler.repeatPenalty,
        },
      }),
    });
    const prefillSeconds: number[] = [];
    const runs = { sampled: [] as { seconds: number; tokens: number }[], greedy: [] as { seconds: number; tokens: number }[] };
    for (let r = 0; r < (o.repetitions ?? 2); r++) {
      await sequence.clearHistory();
      const started = performance.now();
      await sequence.evaluateWithoutGeneratingNewTokens(tokens(o.promptTokens));
      prefillSeconds.push((performance.now() - started) / 1000);
      runs.sampled.push(await decodeOnce(sampled));
      runs.greedy.push(await decodeOnce(() => ({ temperature: 0 })));
    }
    await context.dispose();
    await model.dispose();
    const figures = (list: { seconds: number; tokens: number }[]): DecodeFigures => ({
      tokens: Math.min(...list.map((run) => run.tokens)),
      afterPromptTokens: o.decodeAfter,
      tokensPerSecond: Math.max(...list.map((run) => run.tokens / run.seconds)),
      seconds: list.map((run) => run.seconds),
    });
    return {
      prefill: { promptTokens: o.promptTokens, tokensPerSecond: o.promptTokens / Math.min(...prefillSeconds), seconds: prefillSeconds },
      decode: { ...figures(runs.sampled), sampler },
      decodeGreedy: figures(runs.greedy),
    };
  } finally {
    await llama.dispose();
  }
}
