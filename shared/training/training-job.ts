import { z } from 'zod';
import { withinJsonBounds } from '../validation/bounded-json';
import type { TrainingSettings } from './training-settings';

// What the studio shows of a training run while it goes and after it ends, and what is stored with a
// finished adapter (adapters/<name>/metadata.json and loss-curve.json).

/** One point of the loss curve: the training loss of a step and/or the held-out loss measured after it. */
export interface LossPoint {
  step: number;
  train?: number;
  heldOut?: number;
}

export type TrainingState = 'preparing' | 'training' | 'done' | 'cancelled' | 'failed';

/** The base model an adapter belongs to; chat refuses the adapter on a model with another hash. */
export interface AdapterBase {
  name: string;
  sha256: string;
  architecture: string;
  quantization: string;
}

/** Where a run trains: a GPU by the name its driver gives, or the CPU with the reason it is not a GPU. */
export interface TrainingDevice {
  name: string;
  gpu: boolean;
  /** Why the run is on the CPU (no GPU found, the GPU trainer could not be built, …); null on a GPU. */
  note: string | null;
}

/** What a short measured warm-up says about a run before it starts. */
export interface TrainingEstimate {
  device: TrainingDevice;
  totalSteps: number;
  secondsPerStep: number;
  /** The whole run: steps times the measured step (evaluations and checkpoints not counted). */
  seconds: number;
  /** Peak resident memory of the warm-up (the run's: same model, rank, window and device). */
  memoryBytes: number;
  /** Of that, memory no file backs (Linux; null elsewhere): the mapped model and weight copies can be paged out. */
  anonMemoryBytes: number | null;
}

/** A run as the UI shows it (without its curve, which travels as new points). */
export interface TrainingJobView {
  runId: string;
  characterId: string;
  adapterName: string;
  state: TrainingState;
  /** What preparation is doing, or why the run failed. */
  message: string | null;
  step: number;
  totalSteps: number;
  epoch: number;
  trainLoss: number | null;
  heldOutLoss: number | null;
  tokensPerSecond: number | null;
  etaSeconds: number | null;
  peakMemoryBytes: number | null;
  elapsedSeconds: number;
  settings: TrainingSettings;
  datasets: string[];
  baseModel: AdapterBase | null;
  startedAt: string;
  /** Windows of the run: training and held-out. */
  windows: { train: number; heldOut: number } | null;
  /** Known once the trainer is chosen; refined by the trainer's own report when it starts. */
  device: TrainingDevice | null;
}

/** Pushed while a run goes: its state and the curve points since the last push. */
export interface TrainingJobEvent {
  job: TrainingJobView;
  points: LossPoint[];
}

/** The current (or last) run with its whole curve, for a window that opens while it goes. */
export interface TrainingStatus {
  job: TrainingJobView;
  curve: LossPoint[];
}

/** A run that stopped before the end and can be resumed from its checkpoint. */
export interface TrainingRunSummary {
  runId: string;
  adapterName: string;
  state: TrainingState;
  message: string | null;
  step: number;
  totalSteps: number;
  checkpointStep: number | null;
  settings: TrainingSettings;
  datasets: string[];
  baseModel: AdapterBase | null;
  startedAt: string;
}

export const ADAPTER_METADATA_VERSION = 1;

const lossPointSchema = z.object({ step: z.number(), train: z.number().optional(), heldOut: z.number().optional() });

/** metadata.json of a trained adapter (read leniently: other tools may drop adapters in too). */
export const adapterMetadataSchema = z.object({
  formatVersion: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  characterId: z.string(),
  characterRevision: z.number().int().optional(),
  promptFormat: z.string(),
  baseModel: z.object({ name: z.string(), sha256: z.string(), architecture: z.string(), quantization: z.string() }),
  // Open to other tools' keys, yet bounded: this goes back over the wire (a 100,000-deep value once
  // overflowed the stack when the list was sent). The studio's own settings are 2 levels deep, ~1 KB.
  settings: withinJsonBounds(z.record(z.string(), z.unknown()), { maxDepth: 8, maxBytes: 64 * 1024 }),
  datasets: z.array(z.object({ name: z.string(), dialogues: z.number().int() })),
  /** Accepted profile variants the run trained with besides the profile (prompt augmentation). */
  profileVariants: z.number().int().optional(),
  /** What the run measured; absent for an adapter trained elsewhere and imported. */
  results: z.object({
    steps: z.number().int(),
    trainTokens: z.number().int(),
    finalTrainLoss: z.number().nullable(),
    initialHeldOutLoss: z.number().nullable(),
    finalHeldOutLoss: z.number().nullable(),
    elapsedSeconds: z.number(),
    tokensPerSecond: z.number().nullable(),
    peakMemoryBytes: z.number().nullable(),
    device: z.string(),
  }).optional(),
  /** Where an imported adapter came from (a PEFT folder trained elsewhere, on a GPU cluster, say). */
  source: z.object({
    kind: z.literal('peft'),
    folder: z.string(),
    weightsFile: z.string(),
    rank: z.number().int(),
    loraAlpha: z.number(),
    rsLora: z.boolean(),
    baseModelNameOrPath: z.string().nullable(),
  }).optional(),
});
export type AdapterMetadata = z.output<typeof adapterMetadataSchema>;
export const lossCurveSchema = z.array(lossPointSchema);

/** A stored adapter as the training view and the chat's selector list it. */
export interface AdapterSummary {
  name: string;
  sizeBytes: number;
  createdAt: string | null;
  /** Null for adapters the studio did not train (no metadata.json), or whose metadata.json is broken. */
  metadata: AdapterMetadata | null;
  /** What is wrong with its metadata.json (file: field: problem), when it is broken; the adapter still loads. */
  problem: string | null;
  /** At most a few hundred points, evenly thinned. */
  curve: LossPoint[];
}
