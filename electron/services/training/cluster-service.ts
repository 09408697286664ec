import type { Character } from '../../../shared/character/character-schema';
import type { ClusterExportResult, ClusterFormat } from '../../../shared/training/cluster-files';
import type { PeftExportResult } from '../../../shared/training/peft-config';
import type { AdapterSummary } from '../../../shared/training/training-job';
import { resolveSettings, type TrainingPreset } from '../../../shared/training/training-settings';
import type { ModelInfo } from '../../../shared/models/model-info';
import type { CatalogView } from '../../../shared/contract/domains/models';
import { StudioError } from '../../../shared/contract/errors';
import { requireBaseModel } from './base-model';
import { exportForCluster } from './cluster-export';
import { exportPeftAdapter } from './peft-export';
import { importPeftAdapter } from './peft-import';
import type { TrainingService } from './training-service';

// Beyond one machine (DESIGN.md §10): the character's dialogues go out to TRL or LLaMA-Factory on a GPU
// cluster, the PEFT adapter trained there comes back as an adapter of the character, and an adapter
// trained here goes out as PEFT for transformers and vLLM. The contract's handlers and the CLI both
// come through here, so they resolve characters, models and the hub checkpoint the same way.

/** The hub checkpoint exports name when the catalog lists none. */
const DEFAULT_HUB_MODEL = 'thu-coai/CharacterGLM-6B';

export interface ClusterDeps {
  training: TrainingService;
  characters: { get(id: string): Promise<Character> };
  models: { get(id: string): Promise<ModelInfo>; resolveDefault(): Promise<ModelInfo | null>; catalog(): Promise<CatalogView> };
  charactersDir: string;
}

export class ClusterService {
  constructor(private readonly deps: ClusterDeps) {}

  /** The hub repository the converted models come from (the catalog's checkpoint entry). */
  private async hubModel(): Promise<string> {
    const entry = (await this.deps.models.catalog()).entries.find((e) => e.kind === 'checkpoint');
    return entry?.kind === 'checkpoint' ? entry.repo : DEFAULT_HUB_MODEL;
  }

  /** Writes the datasets (all of the character's when none are named) for `format` into `outDir`, with the preset's settings. */
  async exportDatasets(input: { characterId: string; datasets?: string[]; format: ClusterFormat; outDir: string; modelId?: string; preset: TrainingPreset }): Promise<ClusterExportResult> {
    const character = await this.deps.characters.get(input.characterId);
    const datasets = input.datasets?.length ? input.datasets : (await this.deps.training.datasets.list(character.id)).map((d) => d.name);
    if (datasets.length === 0) throw new StudioError('invalid_input', `${character.name} has no datasets yet: import dialogues in Training first`);
    return exportForCluster(this.deps.training, {
      characterId: character.id, characterName: character.name, datasets, format: input.format, outDir: input.outDir,
      model: await requireBaseModel(this.deps.models, input.modelId), settings: resolveSettings(input.preset), hubModel: await this.hubModel(),
    });
  }

  /** Imports a PEFT folder as an adapter of the character, for the model `modelId` (the default model otherwise). */
  async importPeft(input: { characterId: string; dir: string; modelId?: string; name?: string }): Promise<AdapterSummary & { path: string }> {
    const character = await this.deps.characters.get(input.characterId);
    const model = await requireBaseModel(this.deps.models, input.modelId);
    const summary = await importPeftAdapter(this.deps.training.adapters, this.deps.charactersDir, {
      characterId: character.id, characterRevision: character.revision, dir: input.dir, model, ...(input.name ? { name: input.name } : {}),
    });
    return { ...summary, path: this.deps.training.adapters.path(character.id, summary.name) };
  }

  /** Writes a stored adapter as a PEFT folder at `outDir`. */
  async exportPeft(input: { characterId: string; name: string; outDir: string }): Promise<PeftExportResult> {
    const character = await this.deps.characters.get(input.characterId);
    if (!(await this.deps.training.adapters.exists(character.id, input.name))) throw new StudioError('not_found', `${character.name} has no adapter "${input.name}"`);
    return exportPeftAdapter(this.deps.training.adapters.path(character.id, input.name), input.outDir, await this.hubModel(), input.name);
  }
}
