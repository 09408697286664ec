// The figures bench/gpu-check.ts reports, kept apart from the measuring so they can be checked by a unit test:
// the PEFT anchor and goals, and the device-memory peak.

/** PEFT on one H100 80GB: bf16 base, rank 8 on all linear layers, 512-token sequences, batch 8 (issue 13). */
export const PEFT_ANCHOR = { card: 'NVIDIA H100 80GB', tokensPerSecond: 9748, peakMemoryBytes: 45.9 * 2 ** 30, windowTokens: 512 } as const;
/** Goal: at least half PEFT's speed, in at most a quarter of its memory (≤ 11.5 GiB). */
export const PEFT_GOALS = { speedRatio: 0.5, memoryRatio: 0.25 } as const;

/** The most device memory in use during a run above what was in use before it, from `nvidia-smi` samples in MiB. */
export function devicePeakBytes(baselineMiB: number, samplesMiB: readonly number[]): number | null {
  if (samplesMiB.length === 0) return null;
  return Math.max(0, Math.max(...samplesMiB) - baselineMiB) * 2 ** 20;
}

/** Parses `nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits` output (one number per line). */
export function parseMemoryUsedMiB(text: string): number[] {
  return text.split('\n').map((l) => Number(l.trim().split(/[,\s]/)[0])).filter((n) => Number.isFinite(n) && n > 0);
}

export interface FullModelRun {
  layers: number;
  trainTokensPerSecond: number;
  /** Device memory for a GPU run, resident memory for a CPU run. */
  peakMemoryBytes: number | null;
  /** Whether the figures come from a run of every layer or from the line through smaller runs. */
  measured: boolean;
}

/** The full model's speed and memory next to PEFT's, and whether each goal is met. */
export function againstPeft(run: FullModelRun) {
  const speedRatio = run.trainTokensPerSecond / PEFT_ANCHOR.tokensPerSecond;
  const memoryRatio = run.peakMemoryBytes === null ? null : run.peakMemoryBytes / PEFT_ANCHOR.peakMemoryBytes;
  return {
    anchor: PEFT_ANCHOR,
    goals: PEFT_GOALS,
    figuresAre: run.measured ? `measured on all ${run.layers} layers` : `extrapolated to ${run.layers} layers from the smaller runs`,
    speedRatio,
    memoryRatio,
    speedGoalMet: speedRatio >= PEFT_GOALS.speedRatio,
    memoryGoalMet: memoryRatio === null ? null : memoryRatio <= PEFT_GOALS.memoryRatio,
  };
}
