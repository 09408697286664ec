import { z } from 'zod';
import { request, stream } from '../define';
import { VARIANT_KINDS, type ProfileVariant, type VariantKind } from '../../training/profile-variants';
import type { DatasetPreview, DatasetSummary } from '../../training/dataset-view';
import type { AdapterSummary, TrainingEstimate, TrainingJobView, TrainingRunSummary, TrainingStatus } from '../../training/training-job';
import { CLUSTER_FORMATS, type ClusterExportResult } from '../../training/cluster-files';
import type { PeftExportResult } from '../../training/peft-config';
import { serverPath } from './models';
import { TRAINING_PRESETS, trainingSettingsPatchSchema } from '../../training/training-settings';

// LoRA fine-tuning: datasets stored with a character, training runs, and the adapters they produce.
// A run is started by a request and reported through the `training.job` event rather than as a stream:
// it outlives the window that started it (a reload or a second window re-attaches with `status`), and
// only an explicit `cancel` stops it.

const characterId = z.string().min(1).max(120);
const fileName = z.string().trim().min(1).max(100).regex(/^[^/\\\0.][^/\\\0]*$/, 'a name cannot contain slashes or start with a dot');
const runId = z.string().regex(/^run-[a-z0-9-]{1,60}$/, 'not a training run id');
const variantId = z.string().regex(/^pv-[0-9a-f]{8}$/, 'not a profile variant id');
const formats = z.enum(['messages', 'session', 'transcript', 'csv']);
const upload = {
  characterId,
  /** The file's own name (picks the format when none is given). */
  fileName: z.string().min(1).max(300),
  /** The file's text, read by the renderer (serve mode cannot see the user's disk). */
  content: z.string().max(20_000_000, 'the file is too large for the studio window (over 20 MB): use studio train --dataset FILE'),
  format: formats.optional(),
};
/** A run as Start and the estimate take it: what to train on, with which model and settings. */
const runFields = {
  characterId,
  datasets: z.array(fileName).min(1, 'pick at least one dataset').max(50),
  modelId: z.string().min(1).max(200).optional(),
  /** A GGUF file on the studio's machine to train on instead of an installed model (the CLI's --model FILE). */
  modelFile: serverPath.optional(),
  preset: z.enum(TRAINING_PRESETS).default('balanced'),
  settings: trainingSettingsPatchSchema.optional(),
};
const tokenOptions = { modelId: z.string().min(1).max(200).optional(), windowTokens: z.number().int().min(64).max(8192).optional() };

/** Packets while profile variants are written: text as it arrives, then each stored variant. */
export type VariantPacket =
  | { type: 'token'; index: number; kind: VariantKind; text: string }
  | { type: 'variant'; index: number; variant: ProfileVariant };

export const trainingContract = {
  listDatasets: request<DatasetSummary[]>()(z.object({ characterId }).strict()),
  /** Parses a file without saving it: dialogues, line-numbered problems, token counts and a preview. */
  inspectImport: request<DatasetPreview>()(z.object({ ...upload, ...tokenOptions }).strict()),
  /** Saves an import as datasets/<name>.jsonl; refused while the file has problems. */
  importDataset: request<DatasetSummary>()(z.object({ ...upload, name: fileName }).strict()),
  previewDataset: request<DatasetPreview>()(z.object({ characterId, name: fileName, ...tokenOptions }).strict()),
  deleteDataset: request<DatasetSummary[]>()(z.object({ characterId, name: fileName }).strict()),
  /** Starts a run (one at a time): preset, plus any custom settings on top. */
  start: request<TrainingJobView>()(z.object({ ...runFields, adapterName: fileName }).strict()),
  /** Before Start: the device, the memory and the time a run would take, from two measured warm-up steps. */
  estimate: request<TrainingEstimate>()(z.object(runFields).strict()),
  /** Continues a cancelled or crashed run from its last checkpoint. */
  resume: request<TrainingJobView>()(z.object({ characterId, runId }).strict()),
  /** Stops the running job; it writes a checkpoint first, so it can be resumed. */
  cancel: request<TrainingJobView | null>()(z.object({}).strict()),
  /** The running (or last) job with its whole loss curve. */
  status: request<TrainingStatus | null>()(z.object({}).strict()),
  /** Runs of a character that stopped early and can be resumed or discarded. */
  runs: request<TrainingRunSummary[]>()(z.object({ characterId }).strict()),
  discardRun: request<TrainingRunSummary[]>()(z.object({ characterId, runId }).strict()),
  /** Profile variants for prompt augmentation (the paper's), with the writer's review. */
  listVariants: request<ProfileVariant[]>()(z.object({ characterId }).strict()),
  /** The loaded model rewrites the profile once per kind; each variant is stored unaccepted. */
  generateVariants: stream<VariantPacket, ProfileVariant[]>()(
    z.object({ characterId, kinds: z.array(z.enum(VARIANT_KINDS)).min(1, 'pick at least one kind of variant').max(6) }).strict(),
  ),
  /** Edits a variant's text or accepts it for training (or takes the acceptance back). */
  updateVariant: request<ProfileVariant[]>()(
    z.object({ characterId, id: variantId, text: z.string().max(20_000).optional(), accepted: z.boolean().optional() }).strict(),
  ),
  deleteVariant: request<ProfileVariant[]>()(z.object({ characterId, id: variantId }).strict()),
  listAdapters: request<AdapterSummary[]>()(z.object({ characterId }).strict()),
  /**
   * Writes datasets of the character (all of them when none are named), rendered and cut exactly as the
   * trainer does, as TRL or LLaMA-Factory records with a training config, into a new folder on the studio's machine.
   */
  exportDatasets: request<ClusterExportResult>()(z.object({
    characterId, datasets: z.array(fileName).max(50).optional(), format: z.enum(CLUSTER_FORMATS), outDir: serverPath,
    modelId: tokenOptions.modelId, preset: z.enum(TRAINING_PRESETS).default('balanced'),
  }).strict()),
  /** Imports a PEFT LoRA folder (adapter_config.json + adapter_model.safetensors or .bin) as an adapter, for an installed model. */
  importPeft: request<AdapterSummary & { path: string }>()(
    z.object({ characterId, dir: serverPath, modelId: tokenOptions.modelId, name: fileName.optional() }).strict(),
  ),
  /** Writes an adapter as a PEFT folder for the hub checkpoint (transformers, PEFT, vLLM), into a new folder. */
  exportPeft: request<PeftExportResult>()(z.object({ characterId, name: fileName, outDir: serverPath }).strict()),
  deleteAdapter: request<AdapterSummary[]>()(z.object({ characterId, name: fileName }).strict()),
};
