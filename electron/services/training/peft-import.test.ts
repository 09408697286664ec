import { existsSync } from 'node:fs';
import { copyFile, readdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getLlama, type Llama, type Token } from 'node-llama-cpp';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyConfig, writeTinyCheckpoint, TINY_CHECKPOINT, type TinyCheckpoint } from '../../../models/tiny-checkpoint/tiny-checkpoint';
import { CharacterLibrary } from '../characters/character-library';
import { inspectCheckpoint } from '../models/checkpoint/checkpoint-folder';
import { writeSafetensorsFile } from '../models/checkpoint/safetensors-file';
import { writeChatGlm2Gguf } from '../models/checkpoint/write-chatglm2-gguf';
import { TEST_THREADS } from '../runtime/test-runtime';
import { useTempDir } from '../../test-support/temp-dir';
import { AdapterStore } from '../adapters/adapter-store';
import { importPeftAdapter } from './peft-import';
import { readF32Tensors } from './test-support/gguf-tensors';
import { loraTensors, peftConfig, randomPeftLora, writePeftFolder, type PeftModuleLora } from './test-support/peft-folder';
import type { BaseModelRef } from './training-service';

// A PEFT LoRA onto a converted model, against an independent reference: the test merges the LoRA into
// the hub weights itself (W + lora_alpha/r · B·A, in PyTorch layout, by hub name), converts that merged
// checkpoint at F32, and the imported adapter on the F16 conversion must give the same next-token
// distribution at every position.

const tempDir = useTempDir('studio-peft-import-');
const RANK = 4;
const ALPHA = 8;
const SHAPES = {
  hidden: TINY_CHECKPOINT.hidden, ffn: TINY_CHECKPOINT.ffn, layers: TINY_CHECKPOINT.layers,
  qkvRows: TINY_CHECKPOINT.hidden + 2 * TINY_CHECKPOINT.kvGroups * (TINY_CHECKPOINT.hidden / TINY_CHECKPOINT.heads),
};

let llama: Llama;
beforeAll(async () => {
  llama = await getLlama({ gpu: false });
});

/** W [out, in] + scale · B [out, r] · A [r, in], on plain arrays. */
function merge(w: Float32Array, nIn: number, lora: PeftModuleLora, scale: number): Float32Array {
  const out = Float32Array.from(w);
  const nOut = w.length / nIn;
  for (let o = 0; o < nOut; o++) {
    for (let i = 0; i < nIn; i++) {
      let sum = 0;
      for (let k = 0; k < RANK; k++) sum += lora.b.values[o * RANK + k]! * lora.a.values[k * nIn + i]!;
      out[o * nIn + i] = out[o * nIn + i]! + scale * sum;
    }
  }
  return out;
}

/** The hub checkpoint with the LoRA merged in, converted to an F32 GGUF. */
async function mergedReference(dir: string, ck: TinyCheckpoint, modules: readonly PeftModuleLora[]): Promise<string> {
  const byModule = new Map(modules.map((m) => [`${m.module}.weight`, m]));
  await writeFile(join(dir, 'config.json'), JSON.stringify(tinyConfig()));
  await writeFile(join(dir, 'tokenizer.model'), ck.tokenizerModel);
  await writeSafetensorsFile(join(dir, 'model.safetensors'), ck.tensors.map((t) => {
    const lora = byModule.get(t.name);
    const values = lora ? merge(t.values, t.shape[1]!, lora, ALPHA / RANK) : t.values;
    return { name: t.name, dtype: 'F32' as const, shape: t.shape, data: () => [new Uint8Array(values.buffer, values.byteOffset, values.byteLength)] };
  }));
  const out = join(dir, 'merged-f32.gguf');
  await writeChatGlm2Gguf(await inspectCheckpoint(dir), out, 'F32');
  return out;
}

/** The next-token distribution after every position (probabilities at temperature 1, no truncation). */
async function distributions(modelPath: string, text: string, adapter?: string): Promise<Array<Map<Token, number>>> {
  const model = await llama.loadModel({ modelPath });
  try {
    const tokens = [...model.tokenize('[gMASK]sop', true), ...model.tokenize(text)];
    const context = await model.createContext({ contextSize: 256, threads: TEST_THREADS, ...(adapter ? { lora: { adapters: [{ filePath: adapter, scale: 1 }] } } : {}) });
    try {
      const raw = { temperature: 1, topK: 0, topP: 1, minP: 0 };
      const out = await context.getSequence().controlledEvaluate(tokens.map((t) => [t, { generateNext: { probabilities: true, options: raw } }] as const));
      return out.map((o) => o!.next!.probabilities!);
    } finally {
      await context.dispose();
    }
  } finally {
    await model.dispose();
  }
}

/** Largest |log p − log p_ref| over every token at every position, and whether every argmax agrees. */
function compare(got: Array<Map<Token, number>>, ref: Array<Map<Token, number>>): { maxDelta: number; sameArgmax: boolean } {
  expect(got).toHaveLength(ref.length);
  let maxDelta = 0;
  let sameArgmax = true;
  ref.forEach((r, i) => {
    const g = got[i]!;
    expect(g.size).toBe(r.size);
    for (const [token, p] of r) maxDelta = Math.max(maxDelta, Math.abs(Math.log(g.get(token)!) - Math.log(p)));
    const argmax = (m: Map<Token, number>): Token => [...m.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    if (argmax(g) !== argmax(r)) sameArgmax = false;
  });
  return { maxDelta, sameArgmax };
}

async function library(dir: string) {
  const characters = new CharacterLibrary(join(dir, 'characters'), join(dir, 'trash'));
  const character = await characters.create({ name: '小花' });
  return { character, charactersDir: join(dir, 'characters'), adapters: new AdapterStore(join(dir, 'characters')) };
}

async function convertedF16(dir: string): Promise<{ ck: TinyCheckpoint; model: BaseModelRef }> {
  const ck = await writeTinyCheckpoint(join(dir, 'ckpt'), 'safetensors');
  const path = join(dir, 'tiny-f16.gguf');
  await writeChatGlm2Gguf(await inspectCheckpoint(ck.dir), path, 'F16');
  return { ck, model: { name: 'tiny F16', path, architecture: 'chatglm', quantization: 'F16' } };
}

describe('importing a PEFT LoRA', () => {
  it('gives the hub weights with the LoRA merged in, on the converted F16 model, at every position', async () => {
    const dir = await tempDir();
    const { ck, model } = await convertedF16(dir);
    const modules = randomPeftLora(SHAPES, RANK);
    const peft = await writePeftFolder(join(dir, 'cluster-run'), peftConfig(RANK, ALPHA), loraTensors(modules));
    const { character, charactersDir, adapters } = await library(dir);
    const imported = await importPeftAdapter(adapters, charactersDir, { characterId: character.id, characterRevision: character.revision, dir: peft, model });
    expect(imported).toMatchObject({ name: 'cluster-run', problem: null, metadata: { baseModel: { name: 'tiny F16', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, source: { kind: 'peft', rank: RANK, loraAlpha: ALPHA } } });
    expect(await adapters.list(character.id)).toHaveLength(1);
    const adapterFile = adapters.path(character.id, 'cluster-run');

    const reference = await mergedReference(await tempDir(), ck, modules);
    const text = '以下是一段小花和用户之间的对话。\n[用户]你好，你是谁\n[小花]我是小花，我们一起去学校吧！';
    const ref = await distributions(reference, text);
    const withAdapter = compare(await distributions(model.path, text, adapterFile), ref);
    const without = compare(await distributions(model.path, text), ref);
    console.info(`PEFT import fidelity: max |Δ log p| ${withAdapter.maxDelta.toFixed(5)} with the adapter, ${without.maxDelta.toFixed(3)} without it, over ${ref.length} positions`);
    expect(withAdapter.maxDelta).toBeLessThanOrEqual(0.02);
    expect(withAdapter.sameArgmax).toBe(true);
    // the LoRA changes the model far beyond the tolerance, so agreeing with the reference means something
    expect(without.maxDelta).toBeGreaterThan(0.2);
  }, 180_000);

  it('reads adapter_model.bin (torch.save) and rsLoRA configs into the same GGUF tensors and scale', async () => {
    const dir = await tempDir();
    const { model } = await convertedF16(dir);
    const modules = randomPeftLora(SHAPES, RANK);
    const { character, charactersDir, adapters } = await library(dir);
    const add = async (name: string, config: Record<string, unknown>, format: 'safetensors' | 'bin') => {
      const peft = await writePeftFolder(join(dir, name), config, loraTensors(modules), format);
      await importPeftAdapter(adapters, charactersDir, { characterId: character.id, characterRevision: character.revision, dir: peft, model });
      return readF32Tensors(adapters.path(character.id, name));
    };
    const plain = await add('plain', peftConfig(RANK, ALPHA), 'safetensors');
    // lora_alpha / √r with rsLoRA: 4 / √4 is the same scale as 8 / 4
    const rs = await add('rslora', peftConfig(RANK, 4, { use_rslora: true }), 'bin');
    expect(plain.tensors.size).toBe(SHAPES.layers * 4 * 2);
    const alphaOf = (metadata: Record<string, unknown>): unknown => (metadata.adapter as { lora: { alpha: number } }).lora.alpha;
    expect(alphaOf(plain.metadata)).toBe(ALPHA);
    expect(alphaOf(rs.metadata)).toBe(ALPHA);
    for (const [name, t] of plain.tensors) expect(Buffer.from(rs.tensors.get(name)!.data.buffer).equals(Buffer.from(t.data.buffer)), name).toBe(true);
    expect(plain.tensors.get('blk.1.ffn_up.weight.lora_b')!.dims).toEqual([RANK, 2 * SHAPES.ffn]);
    expect(Array.from(plain.tensors.get('blk.0.attn_qkv.weight.lora_a')!.data.slice(0, 4))).toEqual(Array.from(modules[0]!.a.values.slice(0, 4)));
  }, 120_000);
});

describe('refusing PEFT folders that cannot be mapped', () => {
  it('names the problem and writes nothing: truncated weights, a rank the tensors lack, other hidden sizes, DoRA, biases, another architecture', async () => {
    const dir = await tempDir();
    const { model } = await convertedF16(dir);
    const { character, charactersDir, adapters } = await library(dir);
    const characterDir = join(charactersDir, character.id);
    const before = (await readdir(characterDir)).sort();
    const modules = randomPeftLora(SHAPES, RANK);
    const attempt = async (name: string, config: Record<string, unknown>, tensors = loraTensors(modules), damage?: (folder: string) => Promise<void>) => {
      const folder = await writePeftFolder(join(dir, name), config, tensors);
      await damage?.(folder);
      return importPeftAdapter(adapters, charactersDir, { characterId: character.id, characterRevision: character.revision, dir: folder, model });
    };
    const qkvA = 'base_model.model.transformer.encoder.layers.0.self_attention.query_key_value.lora_A.weight';

    await expect(attempt('truncated', peftConfig(RANK, ALPHA), undefined, async (f) => truncate(join(f, 'adapter_model.safetensors'), 5000)))
      .rejects.toThrow(/adapter_model\.safetensors: truncated: tensor ".+" ends at byte \d+ but the file has 5000 bytes/);
    await expect(attempt('rank', peftConfig(8, ALPHA))).rejects.toThrow(`adapter_config.json: "r" is 8, but tensor "${qkvA}" has rank 4`);
    const wide = randomPeftLora({ hidden: 512, ffn: 1024, layers: 2, qkvRows: 768 }, RANK);
    await expect(attempt('wide', peftConfig(RANK, ALPHA), loraTensors(wide)))
      .rejects.toThrow(`tensor "${qkvA}" has shape [4, 512], but blk.0.attn_qkv.weight of this model needs [4, 256] (an adapter for a model of other sizes?)`);
    await expect(attempt('dora', peftConfig(RANK, ALPHA, { use_dora: true }))).rejects.toThrow(/adapter_config\.json: "use_dora" is true: DoRA/);
    const magnitude = { key: 'base_model.model.transformer.encoder.layers.0.self_attention.query_key_value.lora_magnitude_vector', shape: [1, SHAPES.qkvRows] as [number, number], values: new Float32Array(SHAPES.qkvRows) };
    await expect(attempt('dora-keys', peftConfig(RANK, ALPHA), [...loraTensors(modules), magnitude])).rejects.toThrow(`tensor "${magnitude.key}" is a DoRA magnitude`);
    await expect(attempt('saved', peftConfig(RANK, ALPHA, { modules_to_save: ['output_layer'] }))).rejects.toThrow(/"modules_to_save" is \["output_layer"\]/);
    await expect(attempt('bias', peftConfig(RANK, ALPHA, { bias: 'all' }))).rejects.toThrow(/"bias" is "all": it trained biases/);
    const llamaKey = { ...modules[0]!.a, key: 'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight' };
    await expect(attempt('llama', peftConfig(RANK, ALPHA), [llamaKey])).rejects.toThrow(`tensor "${llamaKey.key}" is not a LoRA on a ChatGLM2 weight (is the adapter for another architecture?)`);
    await expect(attempt('half', peftConfig(RANK, ALPHA), [modules[0]!.a])).rejects.toThrow('blk.0.attn_qkv.weight: the adapter has lora_A but no lora_B for it');
    await expect(attempt('ia3', { ...peftConfig(RANK, ALPHA), peft_type: 'IA3' })).rejects.toThrow('"peft_type" is "IA3"; only LoRA adapters can be imported');
    await expect(attempt('nothing', peftConfig(RANK, ALPHA), undefined, async (f) => copyFile(join(f, 'adapter_config.json'), join(f, 'adapter_model.safetensors'))))
      .rejects.toThrow(/adapter_model\.safetensors: not a safetensors file/);

    expect((await readdir(characterDir)).sort()).toEqual(before);
    expect(existsSync(join(characterDir, 'adapters'))).toBe(false);
  }, 120_000);
});
