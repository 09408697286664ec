import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionMetaFor } from '../../../shared/character/render-profile';
import { parseDataset } from '../../../shared/training/parse-dataset';
import { resolveSettings } from '../../../shared/training/training-settings';
import { TEST_THREADS } from '../runtime/test-runtime';
import { useTempDir } from '../../test-support/temp-dir';
import { dialoguePieces, tokenizeDialogue } from './dialogue-tokens';
import { catDialoguesJsonl, CAT_QUESTION, CAT_REPLY } from './test-support/cat-dialogues';
import { readF32Tensors } from './test-support/gguf-tensors';
import { labelledNll } from './test-support/reply-likelihood';
import { trainingFixture, type TrainingFixture } from './test-support/training-fixture';
import { startTrainer, type TrainerLine } from './trainer-process';
import { ensureStudioTools } from '../native/studio-tools';
import { prepareWindows } from './training-windows';
import { writeWindowsFile } from './windows-file';

// The native trainer against the tiny chatglm model: it learns, its gradients are right, its forward is
// the chat's, masked tokens teach nothing, and a killed run resumes exactly. The first run builds the
// trainer from node-llama-cpp's bundled llama.cpp (minutes; cached afterwards).

const run = promisify(execFile);
const BUILD_TIMEOUT = 60 * 60_000;
const tempDir = useTempDir('studio-trainer-');
let tools: Record<string, string>;
let shared: TrainingFixture;
let q4: string;

beforeAll(async () => {
  tools = await ensureStudioTools(['studio-trainer', 'llama-quantize']);
  shared = await trainingFixture(await mkdtemp(join(tmpdir(), 'studio-trainer-')), async () => tools['studio-trainer']!);
  q4 = join(shared.dir, 'tiny-q4_k_m.gguf');
  await run(tools['llama-quantize']!, [shared.model.path, q4, 'Q4_K_M', String(TEST_THREADS)]);
}, BUILD_TIMEOUT);
afterAll(async () => {
  await shared?.dispose();
  if (shared) await rm(shared.dir, { recursive: true, force: true });
});

async function windowsFile(f: TrainingFixture, name: string, mutate?: (labels: number[]) => void): Promise<string> {
  const parsed = parseDataset('cat.jsonl', catDialoguesJsonl(8), ['小花']);
  const model = await f.runtime.llama().then((l) => l.loadModel({ modelPath: f.model.path, vocabOnly: true }));
  try {
    const prepared = prepareWindows(model, [sessionMetaFor(f.character)], [{ name: 'cat', parsed }], resolveSettings('balanced', { windowTokens: 128, heldOutFraction: 0.25 }));
    if (mutate) for (const w of [...prepared.train, ...prepared.heldOut]) for (const p of w) mutate(p.labels);
    const file = join(f.dir, `${name}.bin`);
    await writeWindowsFile(file, 128, prepared.train, prepared.heldOut);
    return file;
  } finally {
    await model.dispose();
  }
}

async function trainerJson(args: string[]): Promise<Array<Record<string, unknown>>> {
  const { stdout } = await run(tools['studio-trainer']!, [...args, '--threads', String(TEST_THREADS)], { maxBuffer: 64 << 20 });
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('studio-trainer', { timeout: 5 * 60_000 }, () => {
  it('learns the replies on a Q4_K_M base: held-out reply loss falls by half and node-llama-cpp finds the trained reply far likelier', async () => {
    const { training, character } = shared;
    await training.importDataset({ characterId: character.id, fileName: 'cat.jsonl', content: catDialoguesJsonl(24), name: 'cat' });
    const model = { ...shared.model, name: 'tiny Q4_K_M', path: q4, quantization: 'Q4_K_M' };
    const settings = resolveSettings('balanced', { epochs: 10, learningRate: 3e-3, windowTokens: 256, heldOutFraction: 0.17 });
    const job = await training.start({ characterId: character.id, datasets: ['cat'], adapterName: 'cat-q4', model, settings });
    const { job: finished, curve } = await training.waitFor(job.runId);
    expect(finished.message).toBeNull();
    expect(finished.state).toBe('done');
    expect(curve.some((p) => p.heldOut !== undefined)).toBe(true);

    // the run kept its transposed weights in the studio's cache, keyed by the model's sha256
    const sha = finished.baseModel!.sha256!;
    expect((await stat(join(shared.dir, 'cache', 'backward-weights', `${sha}.q8_0.bwt`))).size).toBeGreaterThan(0);

    const [adapter] = await training.adapters.list(character.id);
    const results = adapter!.metadata!.results!;
    expect(results.finalHeldOutLoss!).toBeLessThanOrEqual(results.initialHeldOutLoss! / 2);
    expect(adapter!.metadata!.baseModel).toMatchObject({ name: 'tiny Q4_K_M', quantization: 'Q4_K_M', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const file = join(shared.dir, 'characters', character.id, 'adapters', 'cat-q4', 'adapter.gguf');
    const { metadata, tensors } = await readF32Tensors(file);
    expect(metadata).toMatchObject({ general: { type: 'adapter', architecture: 'chatglm' }, adapter: { type: 'lora', lora: { alpha: 16 } } });
    expect(tensors.get('blk.0.attn_qkv.weight.lora_a')!.dims).toEqual([256, 8]);
    expect(tensors.get('blk.0.attn_qkv.weight.lora_b')!.dims).toEqual([8, 512]);

    const llama = await shared.runtime.llama();
    const base = await llama.loadModel({ modelPath: q4 });
    try {
      const turns = [{ speaker: 'user' as const, text: CAT_QUESTION }, { speaker: 'character' as const, text: CAT_REPLY }];
      const { pieces } = dialoguePieces(tokenizeDialogue(base, sessionMetaFor(character), turns), ['user', 'character'], 256, base.tokens.eos!);
      const before = await labelledNll(base, pieces![0]!, null, TEST_THREADS);
      const after = await labelledNll(base, pieces![0]!, file, TEST_THREADS);
      expect(after).toBeLessThan(before / 2);
    } finally {
      await base.dispose();
    }
  });

  it('estimates a run before it starts from two measured warm-up steps: device, memory, time', async () => {
    const { training, character } = shared;
    await training.importDataset({ characterId: character.id, fileName: 'cat.jsonl', content: catDialoguesJsonl(12), name: 'cat-estimate' });
    const model = { ...shared.model, name: 'tiny Q4_K_M', path: q4, quantization: 'Q4_K_M' };
    const settings = resolveSettings('balanced', { epochs: 4, windowTokens: 128 });
    const estimate = await training.estimate({ characterId: character.id, datasets: ['cat-estimate'], model, settings });
    expect(estimate.device).toEqual({ name: 'CPU', gpu: false, note: expect.any(String) });
    expect(estimate.secondsPerStep).toBeGreaterThan(0);
    expect(estimate.seconds).toBeCloseTo(estimate.secondsPerStep * estimate.totalSteps, 6);
    expect(estimate.totalSteps % 4).toBe(0);
    expect(estimate.memoryBytes).toBeGreaterThan(10 * 2 ** 20);
    // nothing is left behind: the warm-up's folder is gone and no run is listed
    expect(await training.runs(character.id)).toEqual([]);
  });

  it('computes gradients that agree with finite differences (F32) and with the dequantised weights (Q4_K_M)', async () => {
    const data = await windowsFile(shared, 'grad');
    const f32 = await trainerJson(['--mode', 'check-gradients', '--model', shared.model.path, '--data', data, '--out', join(shared.dir, 'gc'), '--init-b-std', '0.05']);
    const summary = f32.at(-1)!;
    expect(summary.type).toBe('gradient-check');
    expect(summary.entries).toBe(32);
    expect(summary.maxRelativeError as number).toBeLessThan(0.01);

    const dequantised = join(shared.dir, 'tiny-q4-as-f32.gguf');
    await run(tools['llama-quantize']!, ['--allow-requantize', q4, dequantised, 'F32', String(TEST_THREADS)]);
    const q = await trainerJson(['--mode', 'check-gradients', '--model', q4, '--reference-model', dequantised, '--data', data, '--out', join(shared.dir, 'gq'), '--init-b-std', '0.05']);
    expect(q.at(-1)).toMatchObject({ type: 'gradient-agreement' });
    expect(q.at(-1)!.cosine as number).toBeGreaterThan(0.999);
  });

  it('backpropagates through transposed quantised copies of the weights with the exact path\'s gradients: cosine >= 0.999 for every LoRA tensor', async () => {
    const data = await windowsFile(shared, 'grad-transposed');
    for (const type of ['q8_0', 'q6_k']) {
      // the reference is the same Q4_K_M file through F32 OUT_PROD over the weights themselves (the old path)
      const lines = await trainerJson(['--mode', 'check-gradients', '--model', q4, '--reference-model', q4, '--backward-weights', type, '--data', data, '--out', join(shared.dir, `gt-${type}`), '--init-b-std', '0.05']);
      const tensors = lines.filter((l) => l.type === 'gradient-tensor');
      expect(tensors.length).toBe(16);
      console.log(type, JSON.stringify(lines.at(-1)));
      expect(lines.at(-1)!.minTensorCosine as number, type).toBeGreaterThanOrEqual(0.999);
    }
  });

  it('trains to the same loss curve through the transposed copies: within 2% of the exact path at every one of 20 epochs', async () => {
    const data = await windowsFile(shared, 'curve');
    const epochLosses = async (type: string): Promise<number[]> => {
      const lines = await trainerJson(['--model', q4, '--data', data, '--out', join(shared.dir, `curve-${type}`), '--epochs', '20', '--lr', '3e-3', '--backward-weights', type]);
      expect(lines.at(-1)).toMatchObject({ type: 'done' });
      const byEpoch = new Map<number, number[]>();
      for (const l of lines) if (l.type === 'step') {
        const epoch = Math.ceil((l.epoch as number) - 1e-9);
        byEpoch.set(epoch, [...(byEpoch.get(epoch) ?? []), l.trainLoss as number]);
      }
      return [...byEpoch.values()].map((v) => v.reduce((a, b) => a + b, 0) / v.length);
    };
    const exact = await epochLosses('out-prod');
    const transposed = await epochLosses('q8_0');
    console.log(JSON.stringify({ exact, transposed }));
    expect(exact).toHaveLength(20);
    expect(exact[19]!).toBeLessThan(exact[0]! / 2); // it learnt, so the comparison means something
    for (let e = 0; e < 20; e++) expect(Math.abs(transposed[e]! - exact[e]!) / exact[e]!, `epoch ${e + 1}`).toBeLessThanOrEqual(0.02);
  });

  it('keeps the transposed copies in a cache file made once: a second run maps it, a damaged one is rebuilt, and every run trains the same adapter', async () => {
    const data = await windowsFile(shared, 'cache');
    const cache = join(shared.dir, 'backward-cache', 'tiny.q8_0.bwt');
    const train = async (name: string, extra: string[]) => {
      const out = join(shared.dir, `cache-${name}`);
      const lines = await trainerJson(['--model', q4, '--data', data, '--out', out, '--max-steps', '3', ...extra]);
      expect(lines.at(-1)).toMatchObject({ type: 'done', step: 3 });
      return { start: lines.find((l) => l.type === 'start')!, adapter: await readFile(join(out, 'adapter.gguf')) };
    };
    const inMemory = await train('memory', []);
    expect(inMemory.start).toMatchObject({ backwardWeights: 'q8_0', backwardWeightsCached: false });
    // 2 layers x 4 matrices and the output head (in F16: the tiny vocabulary does not fill whole Q8_0 blocks)
    expect(inMemory.start).toMatchObject({ backwardWeightsTensors: 9, backwardWeightsSkipped: 0 });
    expect(inMemory.start.backwardWeightsResidentBytes).toBe(inMemory.start.backwardWeightsBytes);

    const made = await train('made', ['--backward-cache', cache]);
    expect(made.start).toMatchObject({ backwardWeightsCached: false, backwardWeightsResidentBytes: 0 });
    const size = (await stat(cache)).size;
    expect(size).toBeGreaterThan(made.start.backwardWeightsBytes as number);
    const mapped = await train('mapped', ['--backward-cache', cache]);
    expect(mapped.start).toMatchObject({ backwardWeightsCached: true, backwardWeightsResidentBytes: 0 });

    // a cut-off file and one with a changed header byte are rebuilt, never used
    await truncate(cache, size - 100);
    expect((await train('cut', ['--backward-cache', cache])).start).toMatchObject({ backwardWeightsCached: false });
    const bytes = await readFile(cache);
    bytes[12]! ^= 1;
    await writeFile(cache, bytes);
    expect((await train('flipped', ['--backward-cache', cache])).start).toMatchObject({ backwardWeightsCached: false });
    expect((await stat(cache)).size).toBe(size);

    for (const run of [made, mapped]) expect(run.adapter.equals(inMemory.adapter)).toBe(true);
  });

  it('runs the same forward as chat: every window, packed ones included, has the inference loss', async () => {
    const data = await windowsFile(shared, 'compare');
    const compare = async (model: string) => {
      const lines = await trainerJson(['--mode', 'compare-loss', '--model', model, '--data', data, '--out', join(shared.dir, 'cl'), '--init-b-std', '0.05']);
      expect(lines.some((l) => l.type === 'window-loss' && (l.sequences as number) > 1)).toBe(true);
      return lines.at(-1)!.maxRelativeDifference as number;
    };
    // F32 agrees to rounding; a quantised base quantises activations per row, so rounding differences
    // between batch shapes can flip a step (still far below what attending across packed samples would do)
    expect(await compare(shared.model.path)).toBeLessThan(1e-5);
    expect(await compare(q4)).toBeLessThan(1e-3);
  });

  it('learns nothing from masked tokens: with every label masked the adapter stays exactly as it started', async () => {
    const data = await windowsFile(shared, 'masked', (labels) => labels.fill(-1));
    const out = join(shared.dir, 'masked-run');
    const lines = await trainerJson(['--model', shared.model.path, '--data', data, '--out', out, '--max-steps', '4']);
    expect(lines.at(-1)).toMatchObject({ type: 'done', step: 4 });
    const before = (await readF32Tensors(join(out, 'initial-adapter.gguf'))).tensors;
    const after = (await readF32Tensors(join(out, 'adapter.gguf'))).tensors;
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, t] of after) {
      expect(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).equals(Buffer.from(before.get(name)!.data.buffer, before.get(name)!.data.byteOffset, before.get(name)!.data.byteLength))).toBe(true);
      if (name.endsWith('lora_b')) expect(t.data.every((x) => x === 0)).toBe(true);
    }
  });

  it('resumes a killed run from its checkpoint, ending exactly where an unbroken run ends', async () => {
    const data = await windowsFile(shared, 'resume');
    const settings = resolveSettings('balanced', { windowTokens: 128 });
    const base = { exe: tools['studio-trainer']!, model: shared.model.path, windows: data, settings, threads: TEST_THREADS, gpuLayers: 0, metadata: {}, maxSteps: 9, checkpointEvery: 3 };
    const whole = startTrainer({ ...base, outDir: join(shared.dir, 'whole'), resume: false }, () => undefined);
    expect((await whole.exit).last).toMatchObject({ type: 'done', step: 9 });

    const outDir = join(shared.dir, 'broken');
    let killed = false;
    const broken = startTrainer({ ...base, outDir, resume: false }, (line: TrainerLine) => {
      if (line.type === 'checkpoint' && line.step === 6 && !killed) {
        killed = true;
        process.kill(broken.pid!, 'SIGKILL');
      }
    });
    expect((await broken.exit).signal).toBe('SIGKILL');
    const lines: TrainerLine[] = [];
    const resumed = startTrainer({ ...base, outDir, resume: true }, (line) => lines.push(line));
    expect((await resumed.exit).last).toMatchObject({ type: 'done', step: 9 });
    expect(lines[0]).toMatchObject({ type: 'start', step: 6, resumed: true });
    const progress = (await readFile(join(outDir, 'progress.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; step: number });
    expect(progress.filter((l) => l.type === 'step').map((l) => l.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await readFile(join(outDir, 'adapter.gguf'))).equals(await readFile(join(shared.dir, 'whole', 'adapter.gguf')))).toBe(true);
  });

  it('leaves a resumable run when the trainer dies mid-run, and the studio carries on', async () => {
    const f = await trainingFixture(await tempDir(), async () => tools['studio-trainer']!);
    try {
      await f.training.importDataset({ characterId: f.character.id, fileName: 'cat.jsonl', content: catDialoguesJsonl(8), name: 'cat' });
      const settings = resolveSettings('quick', { windowTokens: 128 });
      const seen = new Promise<void>((resolve) => {
        const off = f.training.onJob(({ job }) => {
          if (job.state === 'training' && job.step >= 4 && f.training.trainerPid()) {
            off();
            process.kill(f.training.trainerPid()!, 'SIGKILL');
            resolve();
          }
        });
      });
      const job = await f.training.start({ characterId: f.character.id, datasets: ['cat'], adapterName: 'cat', model: f.model, settings, maxSteps: 40, checkpointEvery: 2 });
      await seen;
      const crashed = await f.training.waitFor(job.runId);
      expect(crashed.job.state).toBe('failed');
      expect(crashed.job.message).toMatch(/stopped unexpectedly \(SIGKILL\)/);
      const [stopped] = await f.training.runs(f.character.id);
      expect(stopped).toMatchObject({ runId: job.runId, state: 'failed' });
      expect(stopped!.checkpointStep).toBeGreaterThanOrEqual(2);

      await f.training.resume(f.character.id, job.runId);
      const done = await f.training.waitFor(job.runId);
      expect(done.job.state).toBe('done');
      expect(done.curve.filter((p) => p.train !== undefined).map((p) => p.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect((await f.training.adapters.list(f.character.id)).map((a) => a.name)).toEqual(['cat']);
      expect(await f.training.runs(f.character.id)).toEqual([]);
    } finally {
      await f.dispose();
    }
  });
});
