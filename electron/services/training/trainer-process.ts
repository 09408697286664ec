import { spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { TrainingSettings } from '../../../shared/training/training-settings';

// Runs studio-trainer as a child process: a crash inside ggml ends the child, never the studio, and all
// training memory is returned when it exits. Progress arrives as JSON lines on stdout; a "cancel" line on
// stdin stops it after it writes a checkpoint (and the end of stdin stops it when the studio dies).

/** What the trainer reports, line by line (native/trainer/train-loop.cpp). */
export type TrainerLine =
  | { type: 'start'; step: number; totalSteps: number; trainWindows: number; heldOutWindows: number; trainableParameters: number; device: string; resumed: boolean;
      /** The GPU the layers went to (empty on the CPU), and why none when one was asked for. */
      gpu: string; gpuProblem: string;
      /** How the backward pass goes through the frozen weights: a transposed copy's type, or `out-prod` (none). */
      backwardWeights: string; backwardWeightsBytes: number; backwardWeightsTensors: number; backwardWeightsSkipped: number; backwardWeightsSeconds: number;
      /** Bytes of those copies held in memory; 0 when they are mapped from the cache file. */
      backwardWeightsResidentBytes: number; backwardWeightsCached: boolean;
      /** Why the cache file could not be used (the copies are then in memory); empty when it was. */
      backwardWeightsCacheProblem: string;
    }
  | {
      type: 'step'; step: number; totalSteps: number; epoch: number; trainLoss: number | null; trainTokens: number; learningRate: number;
      tokensPerSecond: number; etaSeconds: number; elapsedSeconds: number; peakMemoryBytes: number;
      /** Resident memory not backed by a file (Linux; -1 elsewhere). */
      anonMemoryBytes: number;
    }
  | { type: 'eval'; step: number; heldOutLoss: number | null; heldOutTokens: number }
  | { type: 'checkpoint'; step: number; path: string }
  | { type: 'done'; step: number; adapterPath: string; finalTrainLoss: number | null; finalHeldOutLoss: number | null; elapsedSeconds: number; peakMemoryBytes: number }
  | { type: 'cancelled'; step: number; totalSteps: number; checkpoint: string }
  | { type: 'error'; message: string };

/** How the run ended. */
export interface TrainerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  last: TrainerLine | null;
  /** The end of stderr, for a crash that printed no error line. */
  stderrTail: string;
}

/** Why a run that did not finish stopped: the trainer's own error line, else its exit and last stderr line. */
export function failureReason(exit: TrainerExit): string {
  const last = exit.last;
  // llama.cpp names the buffer that did not fit only on stderr ("failed to allocate Vulkan0 buffer of size 524288")
  const lines = exit.stderrTail.split('\n').reverse();
  const allocation = (lines.find((l) => /failed to allocate \S+ buffer of size \d+/.test(l)) ?? lines.find((l) => /failed to allocate|out of memory/i.test(l)))?.trim();
  if (last?.type === 'error') return allocation ? `${last.message}: ${allocation}` : last.message;
  const tail = exit.stderrTail.trim();
  return `the trainer stopped unexpectedly (${exit.signal ?? `exit code ${exit.code}`})${tail ? `: ${tail.split('\n').at(-1)}` : ''}`;
}

/** Whether the trainer stopped before its first step, neither done nor cancelled: how a GPU that cannot hold the run fails. */
export function failedBeforeFirstStep(exit: TrainerExit, stepped: boolean): boolean {
  return !stepped && exit.last?.type !== 'done' && exit.last?.type !== 'cancelled';
}

/** What to train and where. */
export interface TrainerRun {
  exe: string;
  model: string;
  windows: string;
  outDir: string;
  settings: TrainingSettings;
  threads: number;
  resume: boolean;
  gpuLayers: number;
  metadata: Record<string, string>;
  /** Cap on optimiser steps (tests); 0: epochs decide. */
  maxSteps?: number;
  checkpointEvery?: number;
  /** The transposed copy of the frozen weights for the backward pass (the trainer's default: q8_0). */
  backwardWeights?: BackwardWeights;
  /** File for those copies (made once per model and type, memory-mapped); absent: kept in memory. */
  backwardCache?: string;
}

/** `out-prod` keeps no copy (F32 OUT_PROD over the weights: slow, no extra memory); q8_0 and q6_k keep the
 * exact path's gradients (cosine >= 0.999, trainer.native.test.ts), q6_k in 77% of q8_0's memory. */
export type BackwardWeights = 'q8_0' | 'q6_k' | 'out-prod';

/** The command line for a run. */
export function trainerArgs(run: TrainerRun): string[] {
  const s = run.settings;
  const args = [
    '--model', run.model, '--data', run.windows, '--out', run.outDir,
    '--rank', String(s.rank), '--alpha', String(s.alpha), '--targets', s.targets.join(','),
    '--epochs', String(s.epochs), '--lr', String(s.learningRate), '--grad-accum', String(s.gradAccum),
    '--weight-decay', String(s.weightDecay), '--seed', String(s.seed),
    '--threads', String(run.threads), '--gpu-layers', String(run.gpuLayers), '--watch-stdin',
  ];
  if (s.layers) args.push('--layers', `${s.layers.first}-${s.layers.last}`);
  if (run.resume) args.push('--resume');
  if (run.maxSteps) args.push('--max-steps', String(run.maxSteps));
  if (run.backwardWeights) args.push('--backward-weights', run.backwardWeights);
  if (run.backwardCache) args.push('--backward-cache', run.backwardCache);
  if (run.checkpointEvery) args.push('--checkpoint-every', String(run.checkpointEvery));
  for (const [key, value] of Object.entries(run.metadata)) args.push('--meta', `${key}=${value}`);
  return args;
}

function parseLine(text: string): TrainerLine | null {
  try {
    const value = JSON.parse(text) as { type?: unknown };
    return typeof value === 'object' && value !== null && typeof value.type === 'string' ? (value as TrainerLine) : null;
  } catch {
    return null;
  }
}

/** A started trainer: its lines go to `onLine`; `cancel` asks it to stop at the next chance. */
export function startTrainer(run: TrainerRun, onLine: (line: TrainerLine) => void, logFile?: string): { exit: Promise<TrainerExit>; cancel: () => void; pid: number | undefined } {
  const child = spawn(run.exe, trainerArgs(run), { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  let last: TrainerLine | null = null;
  let stderrTail = '';
  let killTimer: NodeJS.Timeout | null = null;
  child.stdin.on('error', () => undefined); // the child may exit before reading a cancel
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = parseLine(text);
    if (!line) return;
    last = line;
    onLine(line);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    if (logFile) void appendFile(logFile, chunk).catch(() => undefined);
  });
  const exit = new Promise<TrainerExit>((resolve) => {
    child.once('error', (error) => {
      stderrTail += `\n${error.message}`;
    });
    child.once('close', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      resolve({ code, signal, last, stderrTail });
    });
  });
  return {
    exit,
    pid: child.pid,
    cancel: () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.write('cancel\n');
      // a step stops between graph nodes; give a slow disk time to write the checkpoint, then insist
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), 120_000);
    },
  };
}
