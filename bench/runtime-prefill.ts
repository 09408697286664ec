import type { Token } from 'node-llama-cpp';
import { LlamaRuntime } from '../electron/services/runtime/llama-runtime';
import { modelInfoForFile } from '../electron/services/runtime/model-file-info';
import { PREFILL_CHUNK } from '../electron/services/runtime/reply-decoder';

/** The studio runtime's prefill speed on `modelPath`: the context the chat makes (flash attention as the
 * backend allows), prompts of `promptTokens` fed in the chat's chunks, on the CPU with `threads`; the
 * fastest of `repetitions` fresh prompts. */
export async function measureRuntimePrefill(modelPath: string, threads: number, promptTokens: number, repetitions = 3): Promise<{ tokensPerSecond: number; seconds: number[] }> {
  const runtime = new LlamaRuntime(async () => ({ gpu: 'off', threads }));
  try {
    const model = await runtime.load(await modelInfoForFile(modelPath));
    const context = await model.createContext({ contextSize: promptTokens + 16, threads, flashAttention: 'auto' });
    try {
      const sequence = context.getSequence();
      const seconds: number[] = [];
      for (let r = 0; r < repetitions; r++) {
        const prompt = Array.from({ length: promptTokens }, (_, i) => (300 + ((i * 7919 + r * 104729) % 300)) as Token);
        await sequence.clearHistory();
        const started = performance.now();
        for (let at = 0; at < prompt.length; at += PREFILL_CHUNK) await sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(at, at + PREFILL_CHUNK));
        seconds.push((performance.now() - started) / 1000);
      }
      return { tokensPerSecond: promptTokens / Math.min(...seconds), seconds };
    } finally {
      await context.dispose();
    }
  } finally {
    await runtime.dispose();
  }
}
