import { join } from 'node:path';
import { getLlama, LlamaText, SpecialTokensText, type Token } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { buildTinyModel, TINY_HPARAMS } from '../../../models/tiny-model/tiny-model';
import { useTempDir } from '../../test-support/temp-dir';
import { writeTinyModel } from './demo-model';
import { inspectGguf } from './gguf-inspect';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';

const tempDir = useTempDir();

describe('tiny chatglm model', () => {
  it('is byte-for-byte deterministic', async () => {
    const dir = await tempDir();
    await writeTinyModel(join(dir, 'a.gguf'));
    await writeTinyModel(join(dir, 'b.gguf'));
    const hash = async (f: string) => createHash('sha256').update(await readFile(join(dir, f))).digest('hex');
    expect(await hash('a.gguf')).toBe(await hash('b.gguf'));
    await writeTinyModel(join(dir, 'c.gguf'), 7);
    expect(await hash('c.gguf')).not.toBe(await hash('a.gguf'));
  });

  it('has the metadata llama.cpp needs for the chatglm architecture', () => {
    const { metadata, tensors } = buildTinyModel();
    expect(metadata['general.architecture']).toEqual({ kind: 'string', value: 'chatglm' });
    expect(metadata['chatglm.rope.dimension_count']).toEqual({ kind: 'u32', value: TINY_HPARAMS.embedding / TINY_HPARAMS.heads / 2 });
    const names = tensors.map((t) => t.info.name);
    expect(names).toContain('blk.1.attn_qkv.bias');
    expect(tensors.find((t) => t.info.name === 'blk.0.ffn_up.weight')!.info.dims).toEqual([TINY_HPARAMS.embedding, 2 * TINY_HPARAMS.feedForward]);
  });

  it('loads in node-llama-cpp, treats [gMASK] and sop as control tokens, and generates text', async () => {
    const dir = await tempDir();
    const path = join(dir, 'tiny.gguf');
    await writeTinyModel(path);
    const summary = await inspectGguf(path);
    expect(summary).toMatchObject({ architecture: 'chatglm', quantization: 'F32', contextLength: TINY_HPARAMS.contextLength });

    const llama = await getLlama({ gpu: false });
    const model = await llama.loadModel({ modelPath: path });
    try {
      const tokens = LlamaText([new SpecialTokensText('[gMASK]sop'), '[用户]你好\n[小明]']).tokenize(model.tokenizer);
      expect(model.detokenize(tokens.slice(0, 2), true)).toBe('[gMASK]sop');
      expect(tokens.slice(0, 2).every((t) => model.isSpecialToken(t))).toBe(true);
      expect(model.tokens.eos).toBe(2);
      // A reply stops at "\n" (DESIGN.md §3): the newline is the byte token <0x0A> (id 13, after <unk> <s> </s>),
      // which detokenises to the stop string.
      const newline = model.tokenize('好\n', false, 'trimLeadingSpace').at(-1)!;
      expect(newline).toBe(13);
      expect(model.fileInfo.metadata.tokenizer.ggml.tokens[newline]).toBe('<0x0A>');
      expect(model.detokenize([newline], false, tokens)).toBe('\n');

      const context = await model.createContext({ contextSize: 512, threads: 2 });
      const sequence = context.getSequence();
      const generated: Token[] = [];
      for await (const token of sequence.evaluate(tokens, { temperature: 0.9, topP: 0.9, seed: 1 })) {
        if (token === model.tokens.eos || generated.length >= 40) break;
        generated.push(token);
      }
      expect(generated.length).toBeGreaterThan(0);
      expect(model.detokenize(generated)).not.toContain('\uFFFD');
      await context.dispose();
    } finally {
      await model.dispose();
    }
  });
});
