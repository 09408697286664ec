import { join } from 'node:path';
import { getLlama, type Token } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../../shared/random/seeded';
import { useTempDir } from '../../test-support/temp-dir';
import { writeTinyModel } from '../models/demo-model';
import { TokenText } from './token-text';

const tempDir = useTempDir();

describe('TokenText (a reply decoded token by token)', () => {
  it('gives the same text as decoding the whole reply at every step, byte tokens and leading spaces included', async () => {
    const path = join(await tempDir(), 'tiny.gguf');
    await writeTinyModel(path);
    const model = await (await getLlama({ gpu: false })).loadModel({ modelPath: path });
    try {
      const prompt = model.tokenize('[用户]你好\n[小明]', false, 'trimLeadingSpace');
      const written = model.tokenize('好的 hello 世界！😀 ok\tend', false, 'trimLeadingSpace');
      // Any non-control token as a random model samples them, half of them byte tokens (<0x00>… after
      // <unk> <s> </s>), so multi-byte characters split and come back together.
      const vocab = model.fileInfo.metadata.tokenizer.ggml.tokens.length;
      const sample = (seed: number): Token[] => {
        const random = seededUniform(seed);
        return Array.from({ length: 300 }, () => (3 + Math.floor(random() * (random() < 0.5 ? 256 : vocab - 3))) as Token);
      };
      for (const reply of [written, sample(7), sample(8), sample(9)]) {
        const text = new TokenText(model, prompt);
        for (let i = 0; i < reply.length; i++) {
          const step = text.push(reply[i]!);
          const whole = model.detokenize(reply.slice(0, i + 1), false, prompt.slice(-4));
          if (!whole.endsWith('\uFFFD')) expect(step).toBe(whole);
        }
        expect(text.text).toBe(model.detokenize(reply, false, prompt.slice(-4)));
      }
    } finally {
      await model.dispose();
    }
  });
});
