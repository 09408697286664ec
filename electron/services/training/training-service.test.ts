import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../shared/training/training-settings';
import { useTempDir } from '../../test-support/temp-dir';
import { adapterSummary, assertAdapterBase } from '../adapters/adapter-store';
import { modelSha256 } from './model-hash';
import { catDialoguesJsonl } from './test-support/cat-dialogues';
import { trainingFixture, type TrainingFixture } from './test-support/training-fixture';

// Datasets and the checks before a run, with the real tokenizer of the tiny model (no trainer needed).

const tempDir = useTempDir('studio-training-');
let fixture: TrainingFixture | null = null;
afterEach(async () => {
  await fixture?.dispose();
  fixture = null;
});

async function setup(): Promise<TrainingFixture> {
  fixture = await trainingFixture(await tempDir(), async () => {
    throw new Error('these tests never start the trainer');
  });
  return fixture;
}

describe('dataset import', () => {
  it('previews what will be trained on with token counts, then saves it with the character', async () => {
    const { training, character, model } = await setup();
    const content = catDialoguesJsonl(8);
    const preview = await training.inspectImport({ characterId: character.id, fileName: 'cat.jsonl', content, windowTokens: 256 }, model);
    expect(preview).toMatchObject({ format: 'messages', dialogues: 8, replies: 8, issues: [], tooLong: [] });
    expect(preview.stats).toMatchObject({ model: model.name, windowTokens: 256, pieces: 8 });
    expect(preview.stats!.windows).toBeLessThan(8);
    expect(preview.stats!.trainedTokens).toBeGreaterThan(8 * 10);
    const first = preview.samples[0]!;
    expect(first.segments.filter((s) => s.trained).map((s) => s.text)).toEqual(['我是小花，我是你的朋友。']);
    expect(first.segments.map((s) => s.text).join('')).toContain('[小花]我是小花');
    expect(first.tokens).toBeGreaterThan(first.trainedTokens!);

    const saved = await training.importDataset({ characterId: character.id, fileName: 'cat.jsonl', content, name: 'cat' });
    expect(saved).toMatchObject({ name: 'cat', dialogues: 8, replies: 8 });
    expect(await training.datasets.list(character.id)).toEqual([saved]);
    expect((await training.previewDataset({ characterId: character.id, name: 'cat' }, model)).dialogues).toBe(8);
    await expect(training.importDataset({ characterId: character.id, fileName: 'cat.jsonl', content, name: 'cat' })).rejects.toThrow(/exists already/);
  });

  it('refuses a file with problems, naming the lines, and saves nothing', async () => {
    const { training, character, dir } = await setup();
    const content = `${catDialoguesJsonl(2)}{"messages": [{"role": "assistant", "content": "只是问候"}]}\nnot json\n`;
    await expect(training.importDataset({ characterId: character.id, fileName: 'bad.jsonl', content, name: 'bad' }))
      .rejects.toThrow(/bad\.jsonl has 2 problem\(s\), nothing was saved: line 3: no character reply .*; line 4: not valid JSON/);
    await expect(training.importDataset({ characterId: character.id, fileName: 'empty.txt', content: '\n', name: 'empty' }))
      .rejects.toThrow(/line 1: the file holds no dialogue/);
    expect(await readdir(join(dir, 'characters', character.id)).then((f) => f.includes('datasets'))).toBe(false);
  });

  it('refuses dataset names that are not portable file names, saving nothing', async () => {
    const { training, character, dir } = await setup();
    const content = catDialoguesJsonl(2);
    await expect(training.importDataset({ characterId: character.id, fileName: 'cat.jsonl', content, name: 'a\nb' }))
      .rejects.toThrow(/dataset name "a\nb" contains a path separator or a character that file names cannot hold/);
    await expect(training.importDataset({ characterId: character.id, fileName: 'cat.jsonl', content, name: 'con' }))
      .rejects.toThrow(/dataset name "con" is a reserved device name on Windows/);
    expect(await readdir(join(dir, 'characters', character.id)).then((f) => f.includes('datasets'))).toBe(false);
  });

  it('lists an adapter whose metadata.json is broken as broken, by name, and the others as they are', async () => {
    const { training, character, dir } = await setup();
    const adapters = join(dir, 'characters', character.id, 'adapters');
    for (const name of ['deep', 'plain']) {
      await mkdir(join(adapters, name), { recursive: true });
      await writeFile(join(adapters, name, 'adapter.gguf'), 'GGUF');
    }
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    await writeFile(join(adapters, 'deep', 'metadata.json'), `{"formatVersion":1,"settings":{"x":${deep}}}`);
    const listed = (await training.adapters.list(character.id)).map(adapterSummary);
    expect(listed.map((a) => [a.name, a.metadata, a.problem]).sort()).toEqual([
      ['deep', null, expect.stringMatching(/^adapters\/deep\/metadata\.json: .*settings: nested deeper than 8 levels/)],
      ['plain', null, null],
    ]);
    // What goes back over the wire can be serialised.
    expect(() => JSON.stringify(listed)).not.toThrow();
  });

  it('imports a transcript spoken by the character and a CSV', async () => {
    const { training, character } = await setup();
    const transcript = await training.importDataset({ characterId: character.id, fileName: 'talk.txt', content: '用户：你好\n小花：你好呀\n', name: 'talk' });
    expect(transcript.replies).toBe(1);
    const csv = await training.importDataset({ characterId: character.id, fileName: 'qa.csv', content: 'prompt,response\n你好,你好呀\n在吗,在\n', name: 'qa' });
    expect(csv.dialogues).toBe(2);
  });
});

describe('checks before a run', () => {
  it('names a turn too long for the window, an unknown dataset and a taken adapter name', async () => {
    const { training, character, model, dir } = await setup();
    const long = JSON.stringify({ messages: [{ role: 'user', content: '你好' }, { role: 'assistant', content: '好'.repeat(80) }] });
    await training.importDataset({ characterId: character.id, fileName: 'long.jsonl', content: `${catDialoguesJsonl(1)}${long}\n`, name: 'long' });
    const narrow = await training.inspectImport({ characterId: character.id, fileName: 'long.jsonl', content: `${catDialoguesJsonl(1)}${long}\n`, windowTokens: 64 }, model);
    expect(narrow.issues).toEqual([]);
    expect(narrow.tooLong).toEqual([{ line: 2, message: expect.stringMatching(/more than the 64-token training window/) }]);
    const settings = resolveSettings('quick', { windowTokens: 64 });
    await expect(training.start({ characterId: character.id, datasets: ['long'], adapterName: 'a', model, settings }))
      .rejects.toThrow(/dataset "long" line 2: turn 2 needs \d+ tokens .* more than the 64-token training window/);
    await expect(training.start({ characterId: character.id, datasets: ['nope'], adapterName: 'a', model, settings }))
      .rejects.toThrow(/there is no dataset "nope"/);
    await mkdir(join(dir, 'characters', character.id, 'adapters', 'taken'), { recursive: true });
    await expect(training.start({ characterId: character.id, datasets: ['long'], adapterName: 'taken', model, settings }))
      .rejects.toThrow(/an adapter named "taken" exists already/);
    expect(training.status()).toBeNull();
  });

  it('refuses an adapter on a base model whose hash differs from the one it was trained on', async () => {
    const { model, dir } = await setup();
    const adapterDir = join(dir, 'adapter');
    await mkdir(adapterDir);
    const metadata = (sha256: string) => JSON.stringify({
      formatVersion: 1, name: 'cat', createdAt: '2026-01-01T00:00:00Z', characterId: 'x', promptFormat: 'characterglm-v1',
      baseModel: { name: 'CharacterGLM-6B Q4_K_M', sha256, architecture: 'chatglm', quantization: 'Q4_K_M' },
      settings: {}, datasets: [],
      results: { steps: 1, trainTokens: 1, finalTrainLoss: 1, initialHeldOutLoss: null, finalHeldOutLoss: null, elapsedSeconds: 1, tokensPerSecond: 1, peakMemoryBytes: 1, device: 'CPU' },
    });
    await writeFile(join(adapterDir, 'metadata.json'), metadata('0'.repeat(64)));
    await expect(assertAdapterBase(adapterDir, model)).rejects.toThrow(/was trained on CharacterGLM-6B Q4_K_M \(sha256 000000000000…\), but the loaded model .* load CharacterGLM-6B Q4_K_M/);
    await writeFile(join(adapterDir, 'metadata.json'), metadata(await modelSha256(model.path)));
    await expect(assertAdapterBase(adapterDir, model)).resolves.toBeUndefined();
  });
});

describe('getting the trainer ready', () => {
  it('says the trainer is being built only when a build really starts', async () => {
    for (const builds of [true, false]) {
      const dir = await tempDir();
      fixture = await trainingFixture(dir, async (_log, _gpu, onBuild) => {
        if (builds) onBuild?.();
        throw new Error('no trainer in this test');
      });
      const { training, character, model } = fixture;
      await training.importDataset({ characterId: character.id, fileName: 'cat.jsonl', content: catDialoguesJsonl(4), name: 'cat' });
      const messages: (string | null)[] = [];
      training.onJob((e) => messages.push(e.job.message));
      const { runId } = await training.start({ characterId: character.id, datasets: ['cat'], adapterName: 'cat', model, settings: resolveSettings('quick', { windowTokens: 256 }) });
      const { job } = await training.waitFor(runId);
      expect(job.state).toBe('failed');
      expect(messages.some((m) => m?.startsWith('building the trainer'))).toBe(builds);
      await fixture.dispose();
      fixture = null;
    }
  });
});
