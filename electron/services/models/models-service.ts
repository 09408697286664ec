import { join } from 'node:path';
import { TINY_MODEL_NAME } from '../../../models/tiny-model/tiny-model';
import type { ModelInfo } from '../../../shared/models/model-info';
import type { SettingsStore } from '../settings/settings-store';
import { writeTinyModel } from './demo-model';
import { ModelRegistry } from './model-registry';

/** The Models domain: what is installed, which one is the default, the demo model. */
export class ModelsService {
  readonly registry: ModelRegistry;
  private readonly listeners = new Set<(models: ModelInfo[]) => void>();

  constructor(
    private readonly modelsDir: string,
    indexFile: string,
    private readonly settings: SettingsStore,
  ) {
    this.registry = new ModelRegistry(modelsDir, indexFile);
  }

  async list(): Promise<ModelInfo[]> {
    return this.registry.list((await this.settings.get()).defaultModelId);
  }

  async get(id: string): Promise<ModelInfo> {
    return this.registry.describe(await this.registry.get(id), (await this.settings.get()).defaultModelId);
  }

  /** The default model, or the only usable one when no default is set. */
  async resolveDefault(): Promise<ModelInfo | null> {
    const models = (await this.list()).filter((m) => !m.problem);
    return models.find((m) => m.isDefault) ?? (models.length === 1 ? models[0]! : null);
  }

  async setDefault(id: string): Promise<ModelInfo> {
    await this.registry.get(id);
    await this.settings.update({ defaultModelId: id });
    await this.changed();
    return this.get(id);
  }

  /** Writes the tiny demo model unless a healthy copy is installed; makes it the default if none is set. */
  async installDemo(): Promise<ModelInfo> {
    const existing = await this.registry.find(TINY_MODEL_NAME);
    const healthy = existing && !(await this.registry.describe(existing, null)).problem;
    if (!healthy) {
      const file = `${TINY_MODEL_NAME}.gguf`;
      await writeTinyModel(join(this.modelsDir, file));
      await this.registry.add({ id: TINY_MODEL_NAME, name: 'Tiny CharacterGLM demo', file, inPlace: false, source: 'demo' });
    }
    if (!(await this.settings.get()).defaultModelId) await this.settings.update({ defaultModelId: TINY_MODEL_NAME });
    await this.changed();
    return this.get(TINY_MODEL_NAME);
  }

  onChange(listener: (models: ModelInfo[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async changed(): Promise<void> {
    if (this.listeners.size === 0) return;
    const models = await this.list();
    for (const listener of this.listeners) listener(models);
  }
}
