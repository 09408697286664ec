import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seededUniform } from '../../../../shared/random/seeded';
import { writeTinyModel } from '../../models/demo-model';
import { writeWindowsFile } from '../windows-file';

// One short training run of the tiny model, the same on every device: the Vulkan test and bench/gpu-check.ts
// train it on the CPU and on a GPU and compare the losses step by step.

const run = promisify(execFile);

/** The tiny model as Q4_K_M and four 128-token windows with half of each exchange labelled, under `dir`. */
export async function writeTinyRun(dir: string, quantizeExe: string, threads: number): Promise<{ model: string; data: string }> {
  const f32 = join(dir, 'tiny.gguf');
  const model = join(dir, 'tiny-q4_k_m.gguf');
  await writeTinyModel(f32);
  await run(quantizeExe, [f32, model, 'Q4_K_M', String(threads)]);
  const random = seededUniform(3);
  const windows = Array.from({ length: 4 }, () => {
    const tokens = Array.from({ length: 128 }, () => 10 + Math.floor(random() * 200));
    return [{ tokens, labels: tokens.map((_, i) => (i + 1 < tokens.length && (i + 1) % 32 >= 16 ? tokens[i + 1]! : -1)) }];
  });
  const data = join(dir, 'windows.bin');
  await writeWindowsFile(data, 128, windows, []);
  return { model, data };
}

export interface TinyRunResult {
  /** The trainer's start line (its `gpu` names the device, empty on the CPU). */
  start: Record<string, unknown>;
  last: Record<string, unknown> | undefined;
  losses: number[];
}

/** Trains `steps` steps of the run from `writeTinyRun` with `exe`, `gpuLayers` offloaded, into `out`. */
export async function trainTinyRun(exe: string, files: { model: string; data: string }, out: string, options: { gpuLayers: number; threads: number; steps?: number; env?: NodeJS.ProcessEnv }): Promise<TinyRunResult> {
  const steps = options.steps ?? 8;
  const { stdout } = await run(exe, ['--model', files.model, '--data', files.data, '--out', out, '--max-steps', String(steps), '--lr', '0.003',
    '--threads', String(options.threads), '--gpu-layers', String(options.gpuLayers)], { env: { ...process.env, ...options.env }, maxBuffer: 64 << 20 });
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { start: lines.find((l) => l.type === 'start') ?? {}, last: lines.at(-1), losses: lines.filter((l) => l.type === 'step').map((l) => l.trainLoss as number) };
}

/** The largest relative difference of `losses` from `reference`, step by step (Infinity when the counts differ). */
export function largestLossDifference(losses: readonly number[], reference: readonly number[]): number {
  if (losses.length !== reference.length || losses.length === 0) return Infinity;
  return Math.max(...losses.map((loss, i) => Math.abs(loss - reference[i]!) / Math.abs(reference[i]!)));
}
