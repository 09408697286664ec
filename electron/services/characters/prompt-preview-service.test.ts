import { join } from 'node:path';
import { getLlama } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { newCharacter } from '../../../shared/character/new-character';
import { estimateTokens } from '../../../shared/character/token-estimate';
import type { ModelInfo } from '../../../shared/models/model-info';
import { writeTinyModel } from '../models/demo-model';
import { useTempDir } from '../../test-support/temp-dir';
import { promptPreviewFor } from './prompt-preview-service';

const tempDir = useTempDir();
const character = newCharacter({ id: 'a', name: '林若溪', now: 'x', greeting: '欢迎光临。', attributes: { identity: '茶馆老板' } });
const info = (contextLength: number) => ({ id: 'tiny', name: 'Tiny', contextLength }) as ModelInfo;

describe('promptPreviewFor', () => {
  it('estimates by the stated rule when no model is loaded, against the default context', () => {
    const preview = promptPreviewFor({ currentModel: () => null }, character, '你好');
    expect(preview.tokens).toEqual({
      prompt: 2 + estimateTokens(preview.promptText),
      profile: 2 + estimateTokens(preview.profileText),
      counter: 'estimate',
      modelName: null,
      contextLength: 8192,
      contextFrom: 'default',
    });
    expect(preview.profileOverHalf).toBe(false);
  });

  it("counts with the loaded model's tokenizer and warns when the profile takes over half the context", async () => {
    const path = join(await tempDir(), 'tiny.gguf');
    await writeTinyModel(path);
    const llama = await getLlama({ gpu: false });
    const model = await llama.loadModel({ modelPath: path });
    try {
      const runtime = { currentModel: () => ({ info: info(4096), model }) };
      const preview = promptPreviewFor(runtime, character, '你好');
      expect(preview.tokens).toMatchObject({ counter: 'model', modelName: 'Tiny', contextLength: 4096, contextFrom: 'model' });
      expect(preview.tokens.prompt).toBe(2 + model.tokenize(preview.promptText).length);
      expect(preview.tokens.profile).toBe(2 + model.tokenize(preview.profileText).length);
      expect(preview.tokens.prompt).toBeGreaterThan(preview.tokens.profile);
      expect(preview.profileOverHalf).toBe(false);
      const small = promptPreviewFor({ currentModel: () => ({ info: info(2 * preview.tokens.profile - 1), model }) }, character, '');
      expect(small.profileOverHalf).toBe(true);
    } finally {
      await model.dispose();
    }
  });
});
