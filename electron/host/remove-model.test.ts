import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../shared/prompt/sampling-defaults';
import { useTempDir } from '../test-support/temp-dir';
import type { TrainingService } from '../services/training/training-service';
import { removeModel } from './remove-model';
import { createStudio, type Studio } from './studio';

const tempDir = useTempDir();
let studio: Studio | null = null;
afterEach(async () => {
  await studio?.dispose();
  studio = null;
});
const never = new AbortController().signal;

describe('removing a model', () => {
  it('unloads the loaded model first; chat then says there is no model instead of decoding on freed weights', async () => {
    studio = await createStudio({ dataDir: await tempDir(), transport: 'serve' });
    const { handlers, services } = studio;
    const demo = await handlers.models.installDemo({});
    const character = await handlers.characters.create({ template: 'example', exampleId: 'tea-house-owner' });
    const chat = await handlers.chat.create({ characterId: character.id });
    await handlers.chat.setSettings({ characterId: character.id, chatId: chat.id, patch: { sampler: { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 4 } } });
    await handlers.chat.send({ characterId: character.id, chatId: chat.id, text: '你好' }, () => undefined, never);
    expect(services.runtime.currentModel()?.info.id).toBe(demo.id);

    expect(await handlers.models.remove({ id: demo.id })).toEqual([]);
    expect(services.runtime.currentModel()).toBeNull();
    expect(services.runtime.getStatus()).toMatchObject({ state: 'idle', model: null });
    expect(existsSync(demo.path)).toBe(false);
    await expect(handlers.chat.regenerate({ characterId: character.id, chatId: chat.id }, () => undefined, never)).rejects.toThrow(/no model installed yet/);
  });

  it('refuses while a training run uses the model, and removes nothing', async () => {
    studio = await createStudio({ dataDir: await tempDir(), transport: 'serve' });
    const { services } = studio;
    const demo = await services.models.installDemo();
    const training = { isTrainingOn: (path: string) => path === demo.path } as unknown as TrainingService;
    await expect(removeModel(demo.id, { ...services, training })).rejects.toThrow(/base model of the training running now: cancel it first/);
    expect(existsSync(demo.path)).toBe(true);
  });
});
