import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LlamaRuntime } from '../electron/services/runtime/llama-runtime';
import { modelInfoForFile } from '../electron/services/runtime/model-file-info';
import { writeFileAtomic } from '../electron/services/fs/atomic-write';
import { applicableBuilds, runLlamaBench, type LlamaBenchResult } from './llama-bench';
import { measureRuntime } from './runtime-scenarios';
import { measureMemoryChat } from './memory-scenario';
import { measureScene } from './scene-scenario';
import { backendReasonText } from '../shared/runtime/backend-reason';
import { measurePairedSpeed } from './paired-speed';
import { sixBModelExists, writeSixBModel } from './six-b-model';
import { prepareSourceBuild, type SourceBuildReport } from './node-llama-cpp-source-build';

// `npm run bench [-- --model FILE] [--threads N] [--out FILE]`: the live-preview runtime's speed and memory
// on a GGUF (default: a CharacterGLM-6B-shaped random Q4_0 file written once into .cache/bench/), next to
// bare node-llama-cpp (the same binary, no studio code) and llama.cpp's own llama-bench on the same file and
// threads in the same run, with the ratios the targets
// are stated in. Prints one JSON document. `--scenario speed` runs only the paired prefill and decode against bare
// node-llama-cpp; `--scenario memory` runs only the 40-turn chat with memory on a
// window of `--memory-context` tokens (default 1,536), which forces evictions; `--scenario scene` only the
// 20-turn scene of three characters. `--gpu` measures on an NVIDIA card (README "GPU check"): node-llama-cpp's
// addon and llama-bench built with CUDA from the bundled source in one tree, the layers all on the card and
// flash attention on for the studio, bare node-llama-cpp and llama-bench alike; `--source-build cpu` takes
// the same path on the CPU (how it is checked on machines without a card).

const { values } = parseArgs({ options: { model: { type: 'string' }, threads: { type: 'string' }, out: { type: 'string' }, reps: { type: 'string', default: '2' }, rounds: { type: 'string', default: '3' }, scenario: { type: 'string', default: 'all' }, 'memory-context': { type: 'string', default: '1536' }, gpu: { type: 'boolean', default: false }, 'source-build': { type: 'string' } } });
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

let modelPath = values.model;
if (!modelPath) {
  modelPath = join(process.cwd(), '.cache', 'bench', 'characterglm-6b-shaped-q4_0.gguf');
  if (!(await sixBModelExists(modelPath))) {
    await mkdir(join(process.cwd(), '.cache', 'bench'), { recursive: true });
    log(`writing the 6B-shaped Q4_0 model to ${modelPath}`);
    const started = performance.now();
    await writeSixBModel(modelPath);
    log(`written in ${Math.round((performance.now() - started) / 1000)} s`);
  }
}

const sourceBackend = values.gpu ? 'cuda' : values['source-build'];
if (sourceBackend !== undefined && sourceBackend !== 'cuda' && sourceBackend !== 'vulkan' && sourceBackend !== 'cpu') throw new Error(`--source-build is cuda, vulkan or cpu, not ${sourceBackend}`);
// before node-llama-cpp is first asked for a binary: the source build may have to be installed as its local build
const sourceBuild: SourceBuildReport | null = sourceBackend ? await prepareSourceBuild(sourceBackend, log) : null;

const info = await modelInfoForFile(modelPath);
const runtime = new LlamaRuntime(async () => ({ gpu: sourceBackend === 'cpu' ? 'off' : 'auto', threads: values.threads ? Number(values.threads) : null }));
const threads = await runtime.threads();
log(`model ${info.name} (${info.quantization}, ${(info.sizeBytes / 2 ** 30).toFixed(2)} GiB), ${threads} threads, backend ${runtime.getStatus().backend}`);
const loadStarted = performance.now();
await runtime.load(info);
const loadMs = performance.now() - loadStarted;
// the backend that computed (CPU when a GPU runtime took no layer), with where the layers went
const { backend, backendReason, offload } = runtime.getStatus();
if (sourceBackend && backend !== sourceBackend) throw new Error(`the studio computes on ${backend}, not ${sourceBackend}: ${backendReasonText(backendReason)}`);
const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000;
const memoryContext = Number(values['memory-context']);
// Room for all 20 turns: the random-weight model's lines read back as about ten times the tokens they were generated as.
const SCENE_CONTEXT = 8192;
const header = {
  date: new Date().toISOString(),
  model: { path: modelPath, name: info.name, architecture: info.architecture, quantization: info.quantization, sizeBytes: info.sizeBytes },
  threads, backend, backendReason: backendReasonText(backendReason), offload, sourceBuild,
};
/** Prints the report (and writes it to --out): one JSON document per run. */
async function emit(report: object): Promise<void> {
  const json = JSON.stringify(report, null, 2);
  if (values.out) await writeFileAtomic(values.out, `${json}\n`);
  process.stdout.write(`${json}\n`);
}
if (values.scenario === 'scene') {
  const scene = await measureScene(runtime, SCENE_CONTEXT, log);
  await runtime.dispose();
  const sceneTtftTurn20VsTurn1 = ratio(scene.timeToFirstTokenMs.turn20, scene.timeToFirstTokenMs.turn1);
  await emit({
    bench: 'runtime-scene', ...header, studio: { scene },
    ratios: { sceneTtftTurn20VsTurn1, sceneRereadTurn20VsTurn1: ratio(scene.rereadLastTurn.ttftMs, scene.timeToFirstTokenMs.turn1) }, targets: { sceneTtftTurn20VsTurn1: '<= 1.5' }, met: { sceneTtftTurn20VsTurn1: sceneTtftTurn20VsTurn1 <= 1.5 },
  });
  process.exit(0);
}
if (values.scenario === 'memory') {
  const memory = await measureMemoryChat(runtime, memoryContext, log);
  await runtime.dispose();
  const memoryTtftVsTurn1 = ratio(memory.timeToFirstTokenMs.betweenEvictionsMedian, memory.timeToFirstTokenMs.turn1);
  await emit({ bench: 'runtime-memory', ...header, studio: { memory }, ratios: { memoryTtftVsTurn1 }, targets: { memoryTtftVsTurn1: '<= 1.5' }, met: { memoryTtftVsTurn1: memoryTtftVsTurn1 <= 1.5 } });
  process.exit(0);
}
const speed = await measurePairedSpeed(runtime, { path: modelPath, backend: backend ?? 'cpu', threads }, Number(values.rounds), log);
if (values.scenario === 'speed') {
  await runtime.dispose();
  const ratios = { prefillVsBare: ratio(speed.studio.prefill.tokensPerSecond, speed.bareNodeLlamaCpp.prefill.tokensPerSecond), decodeVsBare: ratio(speed.studio.decode.tokensPerSecond, speed.bareNodeLlamaCpp.decode.tokensPerSecond) };
  await emit({
    bench: 'runtime-speed', ...header, pairedRounds: speed.rounds, contextSize: speed.contextSize, studio: speed.studio, bareNodeLlamaCpp: speed.bareNodeLlamaCpp,
    ratios, targets: { prefillVsBare: '>= 0.95', decodeVsBare: '>= 0.95' }, met: { prefillVsBare: ratios.prefillVsBare >= 0.95, decodeVsBare: ratios.decodeVsBare >= 0.95 },
  });
  process.exit(0);
}
log(`memory chat: 40 turns on a ${memoryContext}-token window`);
const memory = await measureMemoryChat(runtime, memoryContext, log);
log(`scene: three characters, 20 turns on a ${SCENE_CONTEXT}-token window`);
const scene = await measureScene(runtime, SCENE_CONTEXT, log);
const studio = { ...(await measureRuntime(runtime, loadMs, log)), contextSize: speed.contextSize, ...speed.studio, memory, scene };
await runtime.dispose();
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
const bare = speed.bareNodeLlamaCpp;

const llamaBenchRuns: (LlamaBenchResult | { build: string; error: string })[] = [];
const benchShape = {
  prompt: studio.prefill.promptTokens, gen: studio.decode.tokens, depth: studio.decode.afterPromptTokens, repetitions: Number(values.reps),
  // as the studio's contexts: every layer on the device, flash attention on there and off on the CPU
  ...(backend === 'cpu' ? { flashAttention: false } : { gpuLayers: 999, flashAttention: true }),
};
// with a source build, its own llama-bench (same tree and flags as the addon); else the CPU builds this machine runs
const llamaBenchBuilds = sourceBuild ? [{ label: sourceBuild.label, executable: sourceBuild.llamaBench }] : applicableBuilds();
for (const build of llamaBenchBuilds) {
  log(`llama-bench (${build.label}) on the same file and threads`);
  try {
    llamaBenchRuns.push(await runLlamaBench(build, modelPath, threads, benchShape));
  } catch (error) {
    llamaBenchRuns.push({ build: build.label, error: (error as Error).message.slice(0, 300) });
  }
}
const ok = llamaBenchRuns.filter((r): r is LlamaBenchResult => 'prefillTokensPerSecond' in r);
/** The best value of `pick` over the builds that measured it, with the build's name. */
function best(pick: (r: LlamaBenchResult) => number | null, better: (a: number, b: number) => boolean): { value: number; build: string } {
  const measured = ok.map((r) => ({ value: pick(r), build: r.build })).filter((m): m is { value: number; build: string } => m.value !== null);
  if (measured.length === 0) throw new Error(`llama-bench measured nothing: ${JSON.stringify(llamaBenchRuns)}`);
  return measured.reduce((a, b) => (better(b.value, a.value) ? b : a));
}
// The studio is held to the fastest llama.cpp build that runs here, figure by figure.
const prefillBest = best((r) => r.prefillTokensPerSecond, (a, b) => a > b);
const decodeBest = best((r) => r.decodeTokensPerSecond, (a, b) => a > b);
const batchBest = best((r) => r.batchOfTwoVsOne, (a, b) => a < b);
const llamaBench = {
  prefillTokensPerSecond: prefillBest.value,
  prefillBuild: prefillBest.build,
  decodeTokensPerSecond: decodeBest.value,
  decodeBuild: decodeBest.build,
  batchOfTwoVsOne: batchBest.value,
  runs: llamaBenchRuns,
};

const ratios = {
  prefillVsBare: ratio(studio.prefill.tokensPerSecond, bare.prefill.tokensPerSecond),
  decodeVsBare: ratio(studio.decode.tokensPerSecond, bare.decode.tokensPerSecond),
  prefillVsLlamaBench: ratio(studio.prefill.tokensPerSecond, llamaBench.prefillTokensPerSecond),
  decodeVsLlamaBench: ratio(studio.decode.tokensPerSecond, llamaBench.decodeTokensPerSecond),
  ttftTurn20VsTurn1: ratio(studio.timeToFirstTokenMs.turn20, studio.timeToFirstTokenMs.turn1),
  reopenVsWarm: ratio(studio.reopen.reopenMs, studio.reopen.warmMs),
  compareTwoVsOne: ratio(studio.compare.twoMs, studio.compare.oneMs),
  /** Median time to first token of the memory chat's turns between evictions, over its turn 1 (which reads the profile). */
  memoryTtftVsTurn1: ratio(memory.timeToFirstTokenMs.betweenEvictionsMedian, memory.timeToFirstTokenMs.turn1),
  /** Time to first token of a three-character scene's turn 20 over its turn 1 (each speaker keeps its own KV sequence). */
  sceneTtftTurn20VsTurn1: ratio(scene.timeToFirstTokenMs.turn20, scene.timeToFirstTokenMs.turn1),
  /** The same turn 20 with its speaker's KV cache dropped (the whole scene re-read), over turn 1: what per-speaker caches save. */
  sceneRereadTurn20VsTurn1: ratio(scene.rereadLastTurn.ttftMs, scene.timeToFirstTokenMs.turn1),
  /** llama.cpp's own floor for the line above: one decode step of 2 tokens over one of 1 token. */
  llamaCppBatchOfTwoVsOne: llamaBench.batchOfTwoVsOne,
};
const targets = {
  prefillVsBare: '>= 0.95', decodeVsBare: '>= 0.95', prefillVsLlamaBench: '>= 0.95', decodeVsLlamaBench: '>= 0.95', ttftTurn20VsTurn1: '<= 1.5', reopenVsWarm: '<= 2', compareTwoVsOne: '<= 1.3', memoryTtftVsTurn1: '<= 1.5', sceneTtftTurn20VsTurn1: '<= 1.5',
};
const met = {
  prefillVsBare: ratios.prefillVsBare >= 0.95,
  decodeVsBare: ratios.decodeVsBare >= 0.95,
  prefillVsLlamaBench: ratios.prefillVsLlamaBench >= 0.95,
  decodeVsLlamaBench: ratios.decodeVsLlamaBench >= 0.95,
  ttftTurn20VsTurn1: ratios.ttftTurn20VsTurn1 <= 1.5,
  reopenVsWarm: ratios.reopenVsWarm <= 2,
  compareTwoVsOne: ratios.compareTwoVsOne <= 1.3,
  memoryTtftVsTurn1: ratios.memoryTtftVsTurn1 <= 1.5,
  sceneTtftTurn20VsTurn1: ratios.sceneTtftTurn20VsTurn1 <= 1.5,
};
await emit({
  bench: 'runtime', ...header,
  pairedRounds: speed.rounds,
  studio: { ...studio, peakRssBytes },
  bareNodeLlamaCpp: bare,
  llamaBench,
  ratios,
  targets,
  met,
});
