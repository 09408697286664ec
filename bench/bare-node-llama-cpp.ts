import { getLlama, type SequenceEvaluateOptions, type Token } from 'node-llama-cpp';
import type { GpuBackend } from '../shared/runtime/runtime-status';

// The fair reference for the studio's runtime: node-llama-cpp alone — the same binary the studio loaded
// (same backend, so the same CPU variant node-llama-cpp picks at run time), no studio code, its defaults —
// on the same file, threads and context size, with the same flash-attention setting (off on the CPU, where it
// is slower; node-llama-cpp's default would turn it on), sampling with the same settings. llama-bench built
// here lacks that CPU variant.

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

/** One timed decode: a reply the model ends early counts the tokens it did produce. */
export interface DecodeRun {
  seconds: number;
  tokens: number;
}

/** Bare node-llama-cpp, loaded once, measured a round at a time (so its rounds can alternate with the studio's). */
export interface BareRunner {
  /** Seconds to read `promptTokens` fresh tokens. */
  prefill(): Promise<number>;
  /** `decodeTokens` after `decodeAfter` tokens: sampled as the studio samples its replies, or greedily (no sampler at all). */
  decode(kind: 'sampled' | 'greedy'): Promise<DecodeRun>;
  dispose(): Promise<void>;
}

const TEXT = '茶馆里很安静，窗外的雨一直下着。她给客人倒了一杯热茶，慢慢说起小镇上的旧事。';

export async function openBare(
  modelPath: string, backend: GpuBackend, threads: number,
  o: { contextSize: number; promptTokens: number; decodeTokens: number; decodeAfter: number; sampler: BareSampler },
): Promise<BareRunner> {
  const llama = await getLlama({ gpu: backend === 'cpu' ? false : backend, logLevel: 'error' as never });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: o.contextSize, threads, flashAttention: backend === 'cpu' ? false : 'auto' });
  const sequence = context.getSequence();
  const unit = model.tokenize(TEXT);
  const tokens = (count: number): Token[] => Array.from({ length: count }, (_, i) => unit[i % unit.length]!);
  const { sampler } = o;
  const prompt = tokens(o.decodeAfter);
  const sampled = (generated: Token[]): SequenceEvaluateOptions => ({
    temperature: sampler.temperature, topP: sampler.topP, topK: sampler.topK, minP: sampler.minP, seed: sampler.seed,
    ...(sampler.repeatPenalty === 1 ? {} : {
      repeatPenalty: {
        punishTokens: () => [...prompt, ...generated].slice(-sampler.repeatLastN), maxPunishTokens: sampler.repeatLastN, penalty: sampler.repeatPenalty,
      },
    }),
  });
  return {
    async prefill() {
      await sequence.clearHistory();
      const started = performance.now();
      await sequence.evaluateWithoutGeneratingNewTokens(tokens(o.promptTokens));
      return (performance.now() - started) / 1000;
    },
    async decode(kind) {
      await sequence.clearHistory();
      await sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(0, -1));
      const generated: Token[] = [];
      const options = kind === 'sampled' ? sampled(generated) : { temperature: 0 };
      let firstAt = 0;
      for await (const token of sequence.evaluate(prompt.slice(-1), options)) {
        // timed from the first token, as the studio's decode rate is: the steps after it
        if (generated.length === 0) firstAt = performance.now();
        generated.push(token);
        if (generated.length >= o.decodeTokens) break;
      }
      return { seconds: (performance.now() - firstAt) / 1000, tokens: generated.length };
    },
    async dispose() {
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}
