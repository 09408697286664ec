import type { StudioHandlers } from '../../../shared/contract/api';
import type { ModelInfo } from '../../../shared/models/model-info';
import { resolveSettings } from '../../../shared/training/training-settings';
import { adapterSummary } from '../adapters/adapter-store';
import { baseFromFile, requireBaseModel, resolveBaseModel } from './base-model';
import type { ClusterService } from './cluster-service';
import type { ProfileAugmenter } from './profile-augmenter';
import type { TrainingService } from './training-service';

/** The `training.*` contract mapped onto the training service. */
export function trainingHandlers(
  training: TrainingService, models: { get(id: string): Promise<ModelInfo>; resolveDefault(): Promise<ModelInfo | null>; list(): Promise<ModelInfo[]> }, augmenter: ProfileAugmenter,
  cluster: ClusterService,
): StudioHandlers['training'] {
  // A run trains on an installed model (by id, else the default one) or on a GGUF file the CLI names.
  const runModel = async (modelId: string | undefined, modelFile: string | undefined) =>
    (modelFile === undefined ? requireBaseModel(models, modelId) : baseFromFile(modelFile, await models.list()));
  return {
    listDatasets: ({ characterId }) => training.datasets.list(characterId),
    inspectImport: async ({ modelId, ...input }) => training.inspectImport(input, await resolveBaseModel(models, modelId)),
    importDataset: (input) => training.importDataset(input),
    previewDataset: async ({ modelId, ...input }) => training.previewDataset(input, await resolveBaseModel(models, modelId)),
    deleteDataset: ({ characterId, name }) => training.datasets.remove(characterId, name),
    start: async ({ characterId, datasets, adapterName, modelId, modelFile, preset, settings }) =>
      training.start({ characterId, datasets, adapterName, model: await runModel(modelId, modelFile), settings: resolveSettings(preset, settings ?? {}) }),
    estimate: async ({ characterId, datasets, modelId, modelFile, preset, settings }) =>
      training.estimate({ characterId, datasets, model: await runModel(modelId, modelFile), settings: resolveSettings(preset, settings ?? {}) }),
    resume: ({ characterId, runId }) => training.resume(characterId, runId),
    cancel: async () => training.cancel(),
    status: async () => training.status(),
    runs: ({ characterId }) => training.runs(characterId),
    discardRun: ({ characterId, runId }) => training.discardRun(characterId, runId),
    listVariants: ({ characterId }) => training.variants.list(characterId),
    generateVariants: (input, emit, signal) => augmenter.generate(input, emit, signal),
    updateVariant: ({ characterId, id, ...patch }) => training.variants.update(characterId, id, patch),
    deleteVariant: ({ characterId, id }) => training.variants.remove(characterId, id),
    listAdapters: async ({ characterId }) => (await training.adapters.list(characterId)).map(adapterSummary),
    deleteAdapter: async ({ characterId, name }) => (await training.adapters.remove(characterId, name)).map(adapterSummary),
    exportDatasets: (input) => cluster.exportDatasets(input),
    importPeft: (input) => cluster.importPeft(input),
    exportPeft: (input) => cluster.exportPeft(input),
  };
}
