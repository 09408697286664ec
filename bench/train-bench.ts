import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../electron/services/fs/atomic-write';
import type { BackwardWeights } from '../electron/services/training/trainer-process';
import { ensureStudioTools } from '../electron/services/native/studio-tools';
import { resolveSettings } from '../shared/training/training-settings';
import { applicableBuilds, runLlamaBench, type LlamaBenchResult } from './llama-bench';
import { measureRuntimePrefill } from './runtime-prefill';
import { SIX_B_SHAPE } from './six-b-model';
import { layerLine } from './layer-line';
import { fastestStep, measureTraining, sixBModelFile, type TrainMeasurement } from './train-measure';

// `npm run bench:train [-- --layers N] [--window N] [--steps N] [--threads N] [--model FILE] [--out FILE]
// [--backward-weights q8_0|q6_k|out-prod]`: LoRA training speed and peak memory of studio-trainer on a
// CharacterGLM-6B-shaped Q4_K_M file (random weights, a few layers by default), next to the studio runtime's
// own prefill and llama-bench's on the same file, threads and window length in the same run. A 1-layer file is trained too, so the cost of one layer (the difference) and the fixed cost
// (embedding, output layer, loss) extrapolate to the 28-layer model. Prints one JSON document.

const { values } = parseArgs({
  options: {
    layers: { type: 'string', default: '2' }, window: { type: 'string', default: '256' }, steps: { type: 'string', default: '3' },
    threads: { type: 'string' }, model: { type: 'string' }, out: { type: 'string' }, rank: { type: 'string', default: '8' },
    'backward-weights': { type: 'string', default: 'q8_0' },
  },
});
const log = (line: string): void => void process.stderr.write(`[bench:train] ${line}\n`);
const layers = Number(values.layers);
const windowTokens = Number(values.window);
const steps = Number(values.steps);
const threads = Number(values.threads ?? Math.max(1, Math.floor(availableParallelism())));
const backwardWeights = values['backward-weights'] as BackwardWeights;
const cacheDir = join(process.cwd(), '.cache', 'bench');

const tools = await ensureStudioTools(['studio-trainer', 'llama-quantize'], (l) => log(`build: ${l}`));

const settings = resolveSettings('balanced', { rank: Number(values.rank), alpha: 2 * Number(values.rank), windowTokens, epochs: 1, learningRate: 1e-4 });
const modelFile = (count: number): Promise<string> => sixBModelFile(cacheDir, count, tools['llama-quantize']!, threads, log);
const model = values.model ?? (await modelFile(layers));
const oneLayer = !values.model && layers > 1 ? await modelFile(1) : null;
const train = (file: string, name: string): Promise<TrainMeasurement> =>
  measureTraining({ exe: tools['studio-trainer']!, model: file, name, cacheDir, settings, steps, threads, gpuLayers: 0, backwardWeights, log });
// runs alternate between the two files and each keeps its fastest step
const mainRuns: TrainMeasurement[] = [];
const oneRuns: TrainMeasurement[] = [];
for (let round = 0; round < (oneLayer ? 2 : 1); round++) {
  if (oneLayer) oneRuns.push(await train(oneLayer, 'one-layer'));
  mainRuns.push(await train(model, 'main'));
}
const secondsPerStep = fastestStep(mainRuns);
const trainTokensPerSecond = windowTokens / secondsPerStep;
const main = { stepSeconds: mainRuns.flatMap((r) => r.stepSeconds), peakMemoryBytes: Math.max(...mainRuns.map((r) => r.peakMemoryBytes)), anonMemoryBytes: Math.max(...mainRuns.map((r) => r.anonMemoryBytes)), trainableParameters: mainRuns[0]!.trainableParameters };
const single = oneRuns.length > 0
  ? { stepSeconds: oneRuns.flatMap((r) => r.stepSeconds), secondsPerStep: fastestStep(oneRuns), peakMemoryBytes: Math.max(...oneRuns.map((r) => r.peakMemoryBytes)), anonMemoryBytes: Math.max(...oneRuns.map((r) => r.anonMemoryBytes)) }
  : null;

log(`the studio runtime's prefill of ${windowTokens} tokens on the same file with ${threads} threads`);
const runtimePrefill = await measureRuntimePrefill(model, threads, windowTokens);
const runtimePrefillOneLayer = oneLayer ? await measureRuntimePrefill(oneLayer, threads, windowTokens) : null;
// A further layer costs the difference between the runs (the first layer is cheaper: nothing before it needs
// its input gradient), so the full model is this run plus the remaining layers at that cost; without a
// one-layer run, every layer costs the same (the line through the origin). Prefill is carried the same way,
// so the 28-layer runtime stands next to the 28-layer trainer.
const line = (value: number, oneLayerValue: number | null) =>
  layerLine(oneLayerValue === null ? { layers: 0, value: 0 } : { layers: 1, value: oneLayerValue }, { layers, value });
const prefillSeconds = windowTokens / runtimePrefill.tokensPerSecond;
const fullPrefillTokensPerSecond = windowTokens / line(prefillSeconds, runtimePrefillOneLayer ? windowTokens / runtimePrefillOneLayer.tokensPerSecond : null).at(SIX_B_SHAPE.blocks);

let llamaBench: LlamaBenchResult | null = null;
try {
  const build = applicableBuilds()[0]!;
  llamaBench = await runLlamaBench(build, model, threads, { prompt: windowTokens, gen: 4, repetitions: 2 });
} catch (error) {
  log(`llama-bench failed: ${(error as Error).message}`);
}

const stepLine = line(secondsPerStep, single?.secondsPerStep ?? null);
const perLayer = stepLine.perLayer;
const fullStep = stepLine.at(SIX_B_SHAPE.blocks);
const peakLine = single && line(main.peakMemoryBytes, single.peakMemoryBytes);
const anonLine = single && line(main.anonMemoryBytes, single.anonMemoryBytes);
const result = {
  benchmark: 'lora-training',
  device: 'cpu',
  threads,
  model: { file: model, shape: 'CharacterGLM-6B (random weights)', layers, ofLayers: SIX_B_SHAPE.blocks, quantization: 'Q4_K_M', sizeBytes: (await stat(model)).size },
  lora: { rank: settings.rank, alpha: settings.alpha, targets: settings.targets, trainableParameters: main.trainableParameters },
  windowTokens,
  labelledShare: 0.5,
  backwardWeights: mainRuns[0]!.backward,
  backwardWeightsPerLayerBytes: single ? (mainRuns[0]!.backward.bytes - oneRuns[0]!.backward.bytes) / (layers - 1) : null,
  stepSeconds: main.stepSeconds,
  secondsPerStep,
  secondsPerStepIs: 'the fastest step over the runs',
  trainTokensPerSecond,
  runtimePrefill: { tokensPerSecond: runtimePrefill.tokensPerSecond, promptTokens: windowTokens, seconds: runtimePrefill.seconds, threads, oneLayerTokensPerSecond: runtimePrefillOneLayer?.tokensPerSecond ?? null },
  trainingToRuntimePrefill: trainTokensPerSecond / runtimePrefill.tokensPerSecond,
  trainingToRuntimePrefillGoal: '>= 0.30 (stretch 0.45)',
  peakMemoryBytes: main.peakMemoryBytes,
  anonMemoryBytes: main.anonMemoryBytes,
  memoryIs: 'peakMemoryBytes: peak resident set (mapped model and copies included); anonMemoryBytes: resident memory no file backs (what the system cannot evict), at the end of a step',
  oneLayerRun: single && { stepSeconds: single.stepSeconds, secondsPerStep: single.secondsPerStep, peakMemoryBytes: single.peakMemoryBytes, anonMemoryBytes: single.anonMemoryBytes },
  secondsPerLayerPerStep: perLayer,
  memoryPerLayerBytes: peakLine ? peakLine.perLayer : null,
  extrapolatedFullModel: {
    layers: SIX_B_SHAPE.blocks,
    peakMemoryBytes: peakLine ? peakLine.at(SIX_B_SHAPE.blocks) : null,
    anonMemoryBytes: anonLine ? anonLine.at(SIX_B_SHAPE.blocks) : null,
    secondsPerStep: fullStep,
    trainTokensPerSecond: windowTokens / fullStep,
    minutesPer1000Tokens: (fullStep * 1000) / windowTokens / 60,
    runtimePrefillTokensPerSecond: fullPrefillTokensPerSecond,
    trainingToRuntimePrefill: windowTokens / fullStep / fullPrefillTokensPerSecond,
  },
  llamaBench: llamaBench && {
    build: llamaBench.build,
    prefillTokensPerSecond: llamaBench.prefillTokensPerSecond,
    promptTokens: llamaBench.promptTokens,
    trainingToPrefillRatio: llamaBench.prefillTokensPerSecond === null ? null : trainTokensPerSecond / llamaBench.prefillTokensPerSecond,
    errors: llamaBench.errors,
  },
};
const json = JSON.stringify(result, null, 2);
if (values.out) await writeFileAtomic(values.out, `${json}\n`);
process.stdout.write(`${json}\n`);
