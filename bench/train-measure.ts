import { execFile } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seededUniform } from '../shared/random/seeded';
import type { TrainingSettings } from '../shared/training/training-settings';
import { startTrainer, type BackwardWeights, type TrainerLine } from '../electron/services/training/trainer-process';
import { writeWindowsFile, type Window } from '../electron/services/training/windows-file';
import { writeSixBModel } from './six-b-model';

// What `npm run bench:train` (CPU) and bench/gpu-check.ts (CUDA) measure alike: a CharacterGLM-6B-shaped
// Q4_K_M file with a given number of layers, dialogue-like windows, and a few trainer steps on it.

const run = promisify(execFile);

/** The 6B-shaped Q4_K_M file with `layers` layers under `cacheDir`, written (random Q4_0, re-quantised) once. */
export async function sixBModelFile(cacheDir: string, layers: number, quantizeExe: string, threads: number, log: (line: string) => void): Promise<string> {
  const q4km = join(cacheDir, `characterglm-6b-shaped-${layers}-layers-q4_k_m.gguf`);
  if (await stat(q4km).then(() => true, () => false)) return q4km;
  await mkdir(cacheDir, { recursive: true });
  const q40 = join(cacheDir, `characterglm-6b-shaped-${layers}-layers-q4_0.gguf`);
  log(`writing a ${layers}-layer 6B-shaped Q4_0 model`);
  await writeSixBModel(q40, layers);
  log('re-quantising it to Q4_K_M with llama-quantize');
  await run(quantizeExe, ['--allow-requantize', q40, q4km, 'Q4_K_M', String(threads)], { maxBuffer: 64 << 20 });
  await rm(q40, { force: true });
  return q4km;
}

/** Dialogue-like windows: random tokens, with the second half of each 64-token exchange labelled. */
export function benchWindows(count: number, windowTokens: number): Window[] {
  const random = seededUniform(7);
  return Array.from({ length: count }, () => {
    const tokens = Array.from({ length: windowTokens }, () => 300 + Math.floor(random() * 300));
    const labels = tokens.map((_, i) => (i + 1 < tokens.length && (i + 1) % 64 >= 32 ? tokens[i + 1]! : -1));
    return [{ tokens, labels }];
  });
}

export interface TrainMeasureOptions {
  exe: string;
  model: string;
  /** Names the run's scratch folder and its backward-weights cache file under `cacheDir`. */
  name: string;
  cacheDir: string;
  settings: TrainingSettings;
  steps: number;
  threads: number;
  gpuLayers: number;
  backwardWeights: BackwardWeights;
  log: (line: string) => void;
}

export interface TrainMeasurement {
  stepSeconds: number[];
  peakMemoryBytes: number;
  anonMemoryBytes: number;
  trainableParameters: number;
  /** The GPU the trainer offloaded to (empty on the CPU), and why none where one was asked for. */
  gpu: string;
  gpuProblem: string;
  backward: { weights: string; bytes: number; tensors: number; seconds: number; cached: boolean };
}

/** Trains `steps` windows of `settings.windowTokens` tokens on `model`; per-step seconds, peak memory, trainable parameters. */
export async function measureTraining(o: TrainMeasureOptions): Promise<TrainMeasurement> {
  const windowTokens = o.settings.windowTokens;
  const dir = join(o.cacheDir, `train-run-${o.name}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const data = join(dir, 'windows.bin');
  await writeWindowsFile(data, windowTokens, benchWindows(o.steps, windowTokens), []);
  o.log(`training ${o.steps} steps of ${windowTokens} tokens on ${o.model} with ${o.threads} threads, ${o.gpuLayers} layers offloaded`);
  const lines: TrainerLine[] = [];
  const trainer = startTrainer({ exe: o.exe, model: o.model, windows: data, outDir: dir, settings: o.settings, threads: o.threads, resume: false, gpuLayers: o.gpuLayers, metadata: {}, maxSteps: o.steps, backwardWeights: o.backwardWeights,
    // as the studio does: the transposed copies are made once per model file and memory-mapped
    backwardCache: join(o.cacheDir, `${o.name}.${o.backwardWeights}.bwt`),
  }, (line) => {
    lines.push(line);
    if (line.type === 'step') o.log(`step ${line.step}: ${line.tokensPerSecond.toFixed(1)} tokens/s so far, peak ${(line.peakMemoryBytes / 2 ** 30).toFixed(2)} GiB`);
  });
  const exit = await trainer.exit;
  if (exit.last?.type !== 'done') throw new Error(`the trainer did not finish: ${JSON.stringify(exit.last)} ${exit.stderrTail}`);
  const start = lines.find((l): l is Extract<TrainerLine, { type: 'start' }> => l.type === 'start')!;
  const stepLines = lines.filter((l): l is Extract<TrainerLine, { type: 'step' }> => l.type === 'step');
  await rm(dir, { recursive: true, force: true });
  return {
    stepSeconds: stepLines.map((l, i) => l.elapsedSeconds - (i === 0 ? 0 : stepLines[i - 1]!.elapsedSeconds)),
    peakMemoryBytes: Math.max(...stepLines.map((l) => l.peakMemoryBytes)),
    anonMemoryBytes: Math.max(...stepLines.map((l) => l.anonMemoryBytes)),
    trainableParameters: start.trainableParameters,
    gpu: start.gpu,
    gpuProblem: start.gpuProblem,
    backward: { weights: start.backwardWeights, bytes: start.backwardWeightsBytes, tensors: start.backwardWeightsTensors, seconds: start.backwardWeightsSeconds, cached: start.backwardWeightsCached },
  };
}

/** The fastest step over the runs: on a shared machine the load changes from minute to minute, and the fastest step is the closest to what the file costs. */
export function fastestStep(runs: readonly TrainMeasurement[]): number {
  return Math.min(...runs.flatMap((r) => r.stepSeconds));
}
