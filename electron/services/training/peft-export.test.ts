import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../shared/training/training-settings';
import { readSafetensorsFile } from '../models/checkpoint/safetensors-file';
import { ensureStudioTools } from '../native/studio-tools';
import { exportPeftAdapter } from './peft-export';
import { importPeftAdapter } from './peft-import';
import { catDialoguesJsonl } from './test-support/cat-dialogues';
import { readF32Tensors } from './test-support/gguf-tensors';
import { trainingFixture, type TrainingFixture } from './test-support/training-fixture';

// An adapter the studio trained, exported as a PEFT folder and imported back: the same tensors, bit for
// bit, and the same scale. The trainer is built on first use (minutes) and cached.

let fixture: TrainingFixture;
let adapterFile: string;

beforeAll(async () => {
  const tools = await ensureStudioTools(['studio-trainer']);
  fixture = await trainingFixture(await mkdtemp(join(tmpdir(), 'studio-peft-export-')), async () => tools['studio-trainer']!);
  const { training, character, model } = fixture;
  await training.importDataset({ characterId: character.id, fileName: 'cat.jsonl', content: catDialoguesJsonl(8), name: 'cat' });
  const job = await training.start({
    characterId: character.id, datasets: ['cat'], adapterName: 'cat', model, maxSteps: 2,
    settings: resolveSettings('balanced', { windowTokens: 128, layers: { first: 1, last: 1 } }),
  });
  const done = await training.waitFor(job.runId);
  expect(done.job.state).toBe('done');
  adapterFile = training.adapters.path(character.id, 'cat');
}, 60 * 60_000);
afterAll(async () => {
  await fixture?.dispose();
  if (fixture) await rm(fixture.dir, { recursive: true, force: true });
});

describe('exporting a studio adapter as PEFT', () => {
  it('writes PEFT\'s config and key names, and importing the folder back gives the same tensors exactly (F32)', async () => {
    const { training, character, model, dir } = fixture;
    const out = join(dir, 'cat-peft');
    const exported = await exportPeftAdapter(adapterFile, out, 'thu-coai/CharacterGLM-6B', 'cat');
    expect(exported).toMatchObject({ path: out, rank: 8, loraAlpha: 16, targetModules: ['query_key_value', 'dense', 'dense_h_to_4h', 'dense_4h_to_h'], tensors: 8 });
    expect((await readdir(out)).sort()).toEqual(['README.md', 'adapter_config.json', 'adapter_model.safetensors']);
    const config = JSON.parse(await readFile(join(out, 'adapter_config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({
      peft_type: 'LORA', task_type: 'CAUSAL_LM', base_model_name_or_path: 'thu-coai/CharacterGLM-6B', r: 8, lora_alpha: 16,
      use_rslora: false, use_dora: false, bias: 'none', layers_to_transform: [1], layers_pattern: 'layers',
    });
    const tensors = await readSafetensorsFile(join(out, 'adapter_model.safetensors'));
    expect(tensors.map((t) => [t.name, t.dtype, t.shape])).toContainEqual(['base_model.model.transformer.encoder.layers.1.self_attention.query_key_value.lora_A.weight', 'F32', [8, 256]]);
    expect(tensors.map((t) => [t.name, t.dtype, t.shape])).toContainEqual(['base_model.model.transformer.encoder.layers.1.mlp.dense_h_to_4h.lora_B.weight', 'F32', [1024, 8]]);

    await importPeftAdapter(training.adapters, join(dir, 'characters'), { characterId: character.id, characterRevision: character.revision, dir: out, model, name: 'cat-again' });
    const original = await readF32Tensors(adapterFile);
    const back = await readF32Tensors(training.adapters.path(character.id, 'cat-again'));
    expect([...back.tensors.keys()].sort()).toEqual([...original.tensors.keys()].sort());
    for (const [name, t] of original.tensors) {
      const other = back.tensors.get(name)!;
      expect(other.dims, name).toEqual(t.dims);
      expect(Buffer.from(other.data.buffer, other.data.byteOffset, other.data.byteLength).equals(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)), name).toBe(true);
    }
    // trained weights, not zeros: B starts at zero and the two steps moved it
    expect(original.tensors.get('blk.1.attn_qkv.weight.lora_b')!.data.some((v) => v !== 0)).toBe(true);
    const alpha = (m: Record<string, unknown>): unknown => (m.adapter as { lora: { alpha: number } }).lora.alpha;
    expect(alpha(back.metadata)).toBe(alpha(original.metadata));
    expect((await training.adapters.list(character.id)).find((a) => a.name === 'cat-again')!.metadata!.baseModel.sha256)
      .toBe((await training.adapters.list(character.id)).find((a) => a.name === 'cat')!.metadata!.baseModel.sha256);
  });

  it('refuses a folder that holds files, and leaves it as it was', async () => {
    const out = join(fixture.dir, 'taken');
    await mkdir(out);
    await writeFile(join(out, 'notes.txt'), 'mine');
    await expect(exportPeftAdapter(adapterFile, out, 'thu-coai/CharacterGLM-6B', 'cat')).rejects.toThrow(`${out} is not empty: name a new or empty folder, nothing was written`);
    expect(await readdir(out)).toEqual(['notes.txt']);
    expect((await readdir(fixture.dir)).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});
