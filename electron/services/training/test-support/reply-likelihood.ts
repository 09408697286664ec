import type { LlamaModel } from 'node-llama-cpp';
import type { LabelledTokens } from '../../../../shared/training/token-labels';

/**
 * The negative log-likelihood of the labelled tokens, evaluated by stock node-llama-cpp on the base
 * model with (or without) a LoRA adapter: exactly what chat will compute.
 */
export async function labelledNll(model: LlamaModel, piece: LabelledTokens, adapter: string | null, threads: number): Promise<number> {
  const context = await model.createContext({
    contextSize: 512, threads, ...(adapter ? { lora: { adapters: [{ filePath: adapter, scale: 1 }] } } : {}),
  });
  try {
    const raw = { temperature: 1, topK: 0, topP: 1, minP: 0 };
    const input = piece.tokens.map((t, i) => (piece.labels[i]! >= 0 ? [t, { generateNext: { probabilities: true, options: raw } }] : t));
    const out = await context.getSequence().controlledEvaluate(input as Parameters<ReturnType<typeof context.getSequence>['controlledEvaluate']>[0]);
    let nll = 0;
    piece.labels.forEach((label, i) => {
      if (label < 0) return;
      const p = out[i]?.next?.probabilities?.get(label as never) ?? 0;
      nll -= Math.log(Math.max(p, 1e-30));
    });
    return nll;
  } finally {
    await context.dispose();
  }
}
