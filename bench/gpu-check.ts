import { execFile, spawn } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { writeFileAtomic } from '../electron/services/fs/atomic-write';
import { ensureStudioTools, studioToolsSpec } from '../electron/services/native/studio-tools';
import { largestLossDifference, trainTinyRun, writeTinyRun } from '../electron/services/training/test-support/tiny-device-run';
import { resolveSettings } from '../shared/training/training-settings';
import { againstPeft, devicePeakBytes, parseMemoryUsedMiB, type FullModelRun } from './gpu-check-report';
import { layerLine } from './layer-line';
import { runLlamaBench, type LlamaBenchResult } from './llama-bench';
import { SIX_B_SHAPE } from './six-b-model';
import { fastestStep, measureTraining, sixBModelFile, type TrainMeasurement } from './train-measure';

// The trainer on an NVIDIA card, in one run (bench/gpu-check.sh; README "GPU check"): builds the CUDA
// trainer from node-llama-cpp's bundled llama.cpp with our patches (native-build.ts, as the studio does on
// first use), trains the tiny model on the card and on the CPU (losses within 1%), then trains
// CharacterGLM-6B-shaped Q4_K_M files of several layer counts on the card (all 28 where the card holds
// them) and sets the full model against the PEFT anchor. llama-bench from the same tree gives the
// card's own prefill on the same file. `--gpu none` runs the same path on the CPU (checked on machines
// without a card). After each phase the JSON so far is written to --out, so a run cut off by a time limit
// still reports what it measured, and a second run reuses the build and the model files.

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    gpu: { type: 'string', default: 'cuda' }, layers: { type: 'string' }, window: { type: 'string', default: '512' },
    steps: { type: 'string', default: '4' }, threads: { type: 'string' }, out: { type: 'string' }, rank: { type: 'string', default: '8' },
  },
});
if (values.gpu !== 'cuda' && values.gpu !== 'none') throw new Error(`--gpu is cuda or none, not ${values.gpu}`);
const gpu = values.gpu === 'cuda' ? 'cuda' as const : undefined;
const layerCounts = (values.layers ?? (gpu ? '1,4,28' : '1,2')).split(',').map(Number).sort((a, b) => a - b);
if (layerCounts.length < 1 || layerCounts.some((n) => !Number.isInteger(n) || n < 1 || n > SIX_B_SHAPE.blocks)) throw new Error(`--layers takes layer counts from 1 to ${SIX_B_SHAPE.blocks}`);
const windowTokens = Number(values.window);
const steps = Number(values.steps);
const threads = Number(values.threads ?? availableParallelism());
const gpuLayers = gpu ? 999 : 0;
const cacheDir = join(process.cwd(), '.cache', 'bench');
const log = (line: string): void => void process.stderr.write(`[gpu-check] ${line}\n`);
const seconds = (since: number): number => Math.round((performance.now() - since) / 100) / 10;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 600);

async function nvidiaSmi(args: string[]): Promise<string | null> {
  try {
    return (await run('nvidia-smi', args, { timeout: 20_000 })).stdout.trim();
  } catch {
    return null;
  }
}

/** Samples the card's memory in use every 200 ms while `work` runs; the peak above the use before it. */
async function withDeviceMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakDeviceMemoryBytes: number | null }> {
  if (!gpu) return { result: await work(), peakDeviceMemoryBytes: null };
  const baseline = parseMemoryUsedMiB((await nvidiaSmi(['--query-gpu=memory.used', '--format=csv,noheader,nounits', '-i', '0'])) ?? '')[0] ?? 0;
  const sampler = spawn('nvidia-smi', ['--query-gpu=memory.used', '--format=csv,noheader,nounits', '-i', '0', '-lms', '200'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let text = '';
  sampler.stdout.on('data', (c: Buffer) => (text += c.toString()));
  sampler.once('error', () => undefined);
  try {
    const result = await work();
    return { result, peakDeviceMemoryBytes: devicePeakBytes(baseline, parseMemoryUsedMiB(text)) };
  } finally {
    sampler.kill();
  }
}

const report: Record<string, unknown> = {
  benchmark: 'gpu-check',
  backend: gpu ?? 'cpu',
  card: gpu ? await nvidiaSmi(['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader']) : null,
  threads,
  windowTokens,
  startedAt: new Date().toISOString(),
};
async function save(): Promise<void> {
  if (values.out) await writeFileAtomic(values.out, `${JSON.stringify(report, null, 2)}\n`);
}

// 1. the trainer, llama-quantize and llama-bench from one tree, with the backend compiled in
const buildStarted = performance.now();
const tools = await ensureStudioTools(['studio-trainer', 'llama-quantize'], (l) => log(`build: ${l}`), gpu);
report.build = { seconds: seconds(buildStarted), spec: studioToolsSpec(gpu) };
await save();

// 2. the tiny model: the same steps on the card and on the CPU give the same losses within 1%
try {
  const dir = join(cacheDir, 'gpu-check-tiny');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files = await writeTinyRun(dir, tools['llama-quantize']!, threads);
  // no visible card: the same binary computes everything on the CPU (with one, llama.cpp would still send large matrix products to it)
  const onCpu = await trainTinyRun(tools['studio-trainer']!, files, join(dir, 'cpu'), { gpuLayers: 0, threads, env: { CUDA_VISIBLE_DEVICES: '' } });
  const onDevice = await trainTinyRun(tools['studio-trainer']!, files, join(dir, 'device'), { gpuLayers, threads });
  const difference = largestLossDifference(onDevice.losses, onCpu.losses);
  report.tinyParity = {
    device: onDevice.start.gpu || 'cpu', gpuProblem: onDevice.start.gpuProblem, cpuLosses: onCpu.losses, deviceLosses: onDevice.losses,
    largestRelativeDifference: difference, within1Percent: difference <= 0.01, deviceFinished: onDevice.last?.type === 'done',
  };
} catch (error) {
  report.tinyParity = { error: message(error) };
}
await save();

// 3. 6B-shaped files of each layer count, trained on the card
const settings = resolveSettings('balanced', { rank: Number(values.rank), alpha: 2 * Number(values.rank), windowTokens, epochs: 1, learningRate: 1e-4 });
interface LayerRun { layers: number; secondsPerStep: number; trainTokensPerSecond: number; peakDeviceMemoryBytes: number | null; peakMemoryBytes: number; anonMemoryBytes: number; stepSeconds: number[]; gpu: string; gpuProblem: string; modelBytes: number; modelSeconds: number; backward: TrainMeasurement['backward'] }
const runs: LayerRun[] = [];
const failures: { layers: number; error: string }[] = [];
report.lora = { rank: settings.rank, alpha: settings.alpha, targets: settings.targets };
for (const layers of layerCounts) {
  try {
    const modelStarted = performance.now();
    const model = await sixBModelFile(cacheDir, layers, tools['llama-quantize']!, threads, log);
    const modelSeconds = seconds(modelStarted);
    const { result, peakDeviceMemoryBytes } = await withDeviceMemory(() =>
      measureTraining({ exe: tools['studio-trainer']!, model, name: `gpu-check-${layers}`, cacheDir, settings, steps, threads, gpuLayers, backwardWeights: 'q8_0', log }));
    const secondsPerStep = fastestStep([result]);
    runs.push({
      layers, secondsPerStep, trainTokensPerSecond: windowTokens / secondsPerStep, peakDeviceMemoryBytes, peakMemoryBytes: result.peakMemoryBytes, anonMemoryBytes: result.anonMemoryBytes,
      stepSeconds: result.stepSeconds, gpu: result.gpu, gpuProblem: result.gpuProblem, modelBytes: (await stat(model)).size, modelSeconds, backward: result.backward,
    });
  } catch (error) {
    failures.push({ layers, error: message(error) });
  }
  report.runs = runs;
  report.failures = failures;
  await save();
}

// 4. llama.cpp's own prefill on the largest file that trained, same tree, card and window
const largest = runs.at(-1);
if (largest) {
  let bench: LlamaBenchResult | null = null;
  try {
    const model = await sixBModelFile(cacheDir, largest.layers, tools['llama-quantize']!, threads, log);
    bench = await runLlamaBench({ label: gpu ?? 'cpu', spec: { ...studioToolsSpec(gpu), targets: ['llama-bench'] } }, model, threads, { prompt: windowTokens, gen: 4, repetitions: 3, gpuLayers });
  } catch (error) {
    report.llamaBench = { error: message(error) };
  }
  if (bench) {
    report.llamaBench = {
      layers: largest.layers, prefillTokensPerSecond: bench.prefillTokensPerSecond, decodeTokensPerSecond: bench.decodeTokensPerSecond, errors: bench.errors,
      trainingToPrefill: bench.prefillTokensPerSecond === null ? null : largest.trainTokensPerSecond / bench.prefillTokensPerSecond,
    };
  }
}

// 5. the full model against PEFT: measured when all 28 layers trained, else along the line through the two largest runs
const full = runs.find((r) => r.layers === SIX_B_SHAPE.blocks);
const [a, b] = runs.slice(-2);
let fullModel: FullModelRun | null = null;
if (full) {
  fullModel = { layers: full.layers, trainTokensPerSecond: full.trainTokensPerSecond, peakMemoryBytes: full.peakDeviceMemoryBytes ?? full.peakMemoryBytes, measured: true };
} else if (a && b) {
  const memory = (r: LayerRun): number => r.peakDeviceMemoryBytes ?? r.peakMemoryBytes;
  fullModel = {
    layers: SIX_B_SHAPE.blocks,
    trainTokensPerSecond: windowTokens / layerLine({ layers: a.layers, value: a.secondsPerStep }, { layers: b.layers, value: b.secondsPerStep }).at(SIX_B_SHAPE.blocks),
    peakMemoryBytes: layerLine({ layers: a.layers, value: memory(a) }, { layers: b.layers, value: memory(b) }).at(SIX_B_SHAPE.blocks),
    measured: false,
  };
}
report.fullModel = fullModel && { ...fullModel, minutesPer1000Tokens: 1000 / fullModel.trainTokensPerSecond / 60, memoryIs: gpu ? 'device memory in use above the baseline (nvidia-smi)' : 'peak resident set' };
report.againstPeft = fullModel && againstPeft(fullModel);
report.finishedAt = new Date().toISOString();
await save();
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
