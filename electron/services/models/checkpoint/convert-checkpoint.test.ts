import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SentencePieceProcessor } from '@sctg/sentencepiece-js';
import { getLlama, GgmlType, readGgufFileInfo, type Llama } from 'node-llama-cpp';
import { beforeAll, describe, expect, it } from 'vitest';
import { dequantize } from '../../../../shared/gguf/dequantize';
import { ggufTensorName } from '../../../../shared/models/chatglm2-tensor-plan';
import { writeTorchBin } from '../../../../models/tiny-checkpoint/torch-bin-writer';
import { TINY_CHECKPOINT, writeTinyCheckpoint, type TinyCheckpoint } from '../../../../models/tiny-checkpoint/tiny-checkpoint';
import { useTempDir } from '../../../test-support/temp-dir';
import { inspectCheckpoint } from './checkpoint-folder';
import { quantizeGguf } from './quantize-gguf';
import { writeChatGlm2Gguf } from './write-chatglm2-gguf';

const tempDir = useTempDir('studio-convert-');
const SAMPLES = ['你好，我是小明。我们一起去学校吧！', 'hello friend, the story of water and time', '他说 dream 的时候🙂  x', '  two spaces before, one after '];

let llama: Llama;
beforeAll(async () => {
  llama = await getLlama({ gpu: false });
});

async function ggufTensors(path: string): Promise<Map<string, Float32Array>> {
  const info = await readGgufFileInfo(path, { readTensorInfo: true });
  const bytes = await readFile(path);
  const out = new Map<string, Float32Array>();
  for (const t of info.fullTensorInfo ?? []) {
    const count = t.dimensions.reduce<number>((a, b) => a * Number(b), 1);
    out.set(t.name, dequantize(GgmlType[t.ggmlType], bytes.subarray(Number(t.fileOffset)), count));
  }
  return out;
}

function relativeRms(a: Float32Array, b: Float32Array): number {
  let err = 0;
  let ref = 0;
  for (let i = 0; i < a.length; i++) {
    err += (a[i]! - b[i]!) ** 2;
    ref += b[i]! ** 2;
  }
  return Math.sqrt(err / ref);
}

async function checkLoads(path: string, ck: TinyCheckpoint): Promise<void> {
  const model = await llama.loadModel({ modelPath: path });
  try {
    expect(model.trainContextSize).toBe(TINY_CHECKPOINT.seqLength);
    const spm = new SentencePieceProcessor();
    await spm.loadFromB64StringModel(Buffer.from(ck.tokenizerModel).toString('base64'));
    for (const text of SAMPLES) expect([...model.tokenize(text)], text).toEqual(spm.encodeIds(text));
    const special = model.tokenize('[gMASK]sop', true);
    expect(special).toHaveLength(2);
    expect(special.every((t) => model.isSpecialToken(t))).toBe(true);
    const context = await model.createContext({ contextSize: 256, threads: 2 });
    const sequence = context.getSequence();
    const it = sequence.evaluate([...special, ...model.tokenize('你好')], { temperature: 0 })[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    await context.dispose();
  } finally {
    await model.dispose();
  }
}

describe.each(['safetensors', 'pytorch'] as const)('converting a tiny %s checkpoint', (format) => {
  it('writes a chatglm GGUF that node-llama-cpp loads, with exact f16 weights and the tokenizer of tokenizer.model', async () => {
    const dir = await tempDir();
    const ck = await writeTinyCheckpoint(join(dir, 'ckpt'), format);
    const ins = await inspectCheckpoint(ck.dir);
    expect(ins.format).toBe(format);
    expect(ins.licenceId).toBe('characterglm-6b');
    const out = join(dir, 'f16.gguf');
    const progress: number[] = [];
    await writeChatGlm2Gguf(ins, out, 'F16', { onProgress: (p) => progress.push(p.written / p.total) });
    expect(progress.at(-1)).toBe(1);

    const info = await readGgufFileInfo(out);
    const meta = info.metadata as unknown as Record<string, Record<string, unknown>>;
    expect(meta.general!.architecture).toBe('chatglm');
    expect(meta.chatglm).toMatchObject({
      context_length: 2048, embedding_length: 256, feed_forward_length: 512, block_count: 2,
      rope: { dimension_count: 32, freq_base: 10000 },
      attention: { head_count: 4, head_count_kv: 2 },
    });
    const tok = (meta.tokenizer as Record<string, Record<string, unknown>>).ggml!;
    const tokens = tok.tokens as string[];
    expect(tokens).toHaveLength(TINY_CHECKPOINT.paddedVocab);
    const sp = tokens.indexOf('[MASK]');
    expect(tokens.slice(sp, sp + 5)).toEqual(['[MASK]', '[gMASK]', '[sMASK]', 'sop', 'eop']);
    expect((tok.token_type as number[])[tokens.indexOf('[gMASK]')]).toBe(3);
    expect(tokens.at(-1)).toBe(`[PAD${TINY_CHECKPOINT.paddedVocab - 1}]`);
    expect(tok.add_bos_token).toBe(false);

    const written = await ggufTensors(out);
    for (const t of ck.tensors) {
      const name = ggufTensorName(t.name);
      if (name === null) {
        expect(written.has('rope_freqs.weight')).toBe(false);
        continue;
      }
      // bf16 → f16 is exact for these magnitudes; 1-D tensors are stored as f32.
      expect(relativeRms(written.get(name!)!, t.values), name!).toBeLessThan(1e-3);
    }
    await checkLoads(out, ck);
  });
});

describe('quantising a converted checkpoint', () => {
  it('keeps weights within quantisation error for Q8_0 and Q4_K_M and stays loadable', async () => {
    const dir = await tempDir();
    const ck = await writeTinyCheckpoint(join(dir, 'ckpt'), 'safetensors');
    const ins = await inspectCheckpoint(ck.dir);
    const bf16 = join(dir, 'bf16.gguf');
    await writeChatGlm2Gguf(ins, bf16, 'BF16');
    for (const [quant, tolerance] of [['Q8_0', 0.01], ['Q4_K_M', 0.12]] as const) {
      const out = join(dir, `${quant}.gguf`);
      const seen: number[] = [];
      await quantizeGguf(bf16, out, quant, { threads: 2, onProgress: (done) => seen.push(done) });
      expect(seen.length).toBeGreaterThan(5);
      const written = await ggufTensors(out);
      for (const t of ck.tensors) {
        const name = ggufTensorName(t.name);
        if (!name) continue;
        expect(relativeRms(written.get(name)!, t.values), `${quant} ${name}`).toBeLessThan(tolerance);
      }
      await checkLoads(out, ck);
    }
  }, 180_000);
});

describe('bad checkpoints', () => {
  it('names a missing tokenizer.model, a missing shard, a truncated shard and a hostile pickle, leaving the source untouched', async () => {
    const dir = await tempDir();
    const ck = await writeTinyCheckpoint(join(dir, 'ckpt'), 'pytorch');
    const before = (await readdir(ck.dir)).sort();
    const { rm, rename, writeFile, truncate, copyFile } = await import('node:fs/promises');

    await rename(join(ck.dir, 'tokenizer.model'), join(dir, 'tok'));
    await expect(inspectCheckpoint(ck.dir)).rejects.toThrow('ckpt: tokenizer.model is missing');
    await rename(join(dir, 'tok'), join(ck.dir, 'tokenizer.model'));

    await rename(join(ck.dir, 'pytorch_model-00002-of-00002.bin'), join(dir, 'shard'));
    await expect(inspectCheckpoint(ck.dir)).rejects.toThrow('weight shard pytorch_model-00002-of-00002.bin is missing (listed in pytorch_model.bin.index.json)');
    await copyFile(join(dir, 'shard'), join(ck.dir, 'pytorch_model-00002-of-00002.bin'));
    await truncate(join(ck.dir, 'pytorch_model-00002-of-00002.bin'), 100_000);
    await expect(inspectCheckpoint(ck.dir)).rejects.toThrow(/pytorch_model-00002-of-00002\.bin: not a readable PyTorch zip checkpoint \(truncated/);
    await rename(join(dir, 'shard'), join(ck.dir, 'pytorch_model-00002-of-00002.bin'));

    const config = JSON.parse(await readFile(join(ck.dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(ck.dir, 'config.json'), JSON.stringify({ ...config, model_type: 'llama', architectures: ['LlamaForCausalLM'] }));
    await expect(inspectCheckpoint(ck.dir)).rejects.toThrow('config.json: unknown architecture "llama"');
    await writeFile(join(ck.dir, 'config.json'), JSON.stringify(config));

    // A shard whose pickle would run os.system when loaded with torch.load.
    const evil = join(ck.dir, 'pytorch_model-00001-of-00002.bin');
    await rename(evil, join(dir, 'good'));
    await writeTorchBin(evil, [], 'pytorch_model-00001-of-00002', (p) => p.global('posix', 'system').str('touch /tmp/pwned').op(0x85, 0x52));
    await expect(inspectCheckpoint(ck.dir)).rejects.toThrow('pytorch_model-00001-of-00002.bin: data.pkl asks for "posix.system"');
    await rm(evil);
    await rename(join(dir, 'good'), evil);

    expect((await readdir(ck.dir)).sort()).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['ckpt']);
  });
});
