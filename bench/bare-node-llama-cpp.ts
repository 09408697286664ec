import { getLlama, type Token } from 'node-llama-cpp';
import type { GpuBackend } from '../shared/runtime/runtime-status';

// The fair reference for the studio's runtime: node-llama-cpp alone — the same binary the studio loaded
// (same backend, so the same CPU variant node-llama-cpp picks at run time), no studio code, its defaults —
// on the same file, threads and context size. llama-bench built here lacks that CPU variant.

export interface BareMeasurements {
  prefill: { promptTokens: number; tokensPerSecond: number; seconds: number[] };
  decode: { tokens: number; afterPromptTokens: number; tokensPerSecond: number; seconds: number[] };
}

const TEXT = '茶馆里很安静，窗外的雨一直下着。她给客人倒了一杯热茶，慢慢说起小镇上的旧事。';

/** Prefill of `promptTokens` and greedy decode of `decodeTokens` after `decodeAfter` tokens; the fastest of `repetitions`. */
export async function measureBare(modelPath: string, backend: GpuBackend, threads: number, o: { contextSize: number; promptTokens: number; decodeTokens: number; decodeAfter: number; repetitions?: number }): Promise<BareMeasurements> {
  const llama = await getLlama({ gpu: backend === 'cpu' ? false : backend, logLevel: 'error' as never });
  try {
    const model = await llama.loadModel({ modelPath });
    const context = await model.createContext({ contextSize: o.contextSize, threads });
    const sequence = context.getSequence();
    const unit = model.tokenize(TEXT);
    const tokens = (count: number): Token[] => Array.from({ length: count }, (_, i) => unit[i % unit.length]!);
    const prefillSeconds: number[] = [];
    const decodeSeconds: number[] = [];
    for (let r = 0; r < (o.repetitions ?? 2); r++) {
      await sequence.clearHistory();
      let started = performance.now();
      await sequence.evaluateWithoutGeneratingNewTokens(tokens(o.promptTokens));
      prefillSeconds.push((performance.now() - started) / 1000);

      await sequence.clearHistory();
      const prompt = tokens(o.decodeAfter);
      await sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(0, -1));
      started = performance.now();
      let generated = 0;
      for await (const token of sequence.evaluate(prompt.slice(-1), { temperature: 0 })) {
        void token;
        if (++generated >= o.decodeTokens) break;
      }
      decodeSeconds.push((performance.now() - started) / 1000);
    }
    await context.dispose();
    await model.dispose();
    return {
      prefill: { promptTokens: o.promptTokens, tokensPerSecond: o.promptTokens / Math.min(...prefillSeconds), seconds: prefillSeconds },
      decode: { tokens: o.decodeTokens, afterPromptTokens: o.decodeAfter, tokensPerSecond: o.decodeTokens / Math.min(...decodeSeconds), seconds: decodeSeconds },
    };
  } finally {
    await llama.dispose();
  }
}
