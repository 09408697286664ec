import { z } from 'zod';
import { request, stream } from '../define';
import type { Catalog } from '../../models/catalog';
import { hubRepoIdSchema, hubRevisionSchema } from '../../models/hub-repo';
import type { ModelInfo } from '../../models/model-info';
import type { ModelJobPacket } from '../../models/model-job';
import type { ModelLicence } from '../../models/model-licence';

const modelId = z.string().min(1).max(200);
/** A path on the machine running the studio (in serve mode: the server), never uploaded. */
export const serverPath = z.string().min(1).max(4096);

const importInput = z.object({ path: serverPath, mode: z.enum(['copy', 'inPlace']).default('copy'), name: z.string().max(200).optional() }).strict();
const downloadInput = z.object({
  /** A URL, a Hugging Face "owner/repo/file.gguf", or a catalog entry id. */
  source: z.string().min(1).max(2048),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits').optional(),
  name: z.string().max(200).optional(),
}).strict();
const quant = z.enum(['Q4_K_M', 'Q8_0', 'F16']).default('Q4_K_M');
const convertInput = z.object({
  dir: serverPath,
  quant,
  name: z.string().max(200).optional(),
}).strict();
const getInput = z.object({
  repo: hubRepoIdSchema,
  revision: hubRevisionSchema.default('main'),
  quant,
  /** Keep the downloaded checkpoint (in `models/checkpoints/`) instead of deleting it after conversion. */
  keepCheckpoint: z.boolean().default(false),
}).strict();

export type ImportInput = z.output<typeof importInput>;
export type HubGetInput = z.output<typeof getInput>;

/** Something an unfinished download left in the models folder: a get's files, or a download's `.part`. */
export type ModelLeftover =
  | { kind: 'get'; repo: string; revision: string; quant: HubGetInput['quant']; keepCheckpoint: boolean; bytes: number; running: boolean }
  | { kind: 'download'; file: string; bytes: number };

/** What Models → Clean up would remove (`running` gets are never touched). */
export interface ModelLeftovers {
  items: ModelLeftover[];
  bytes: number;
}

/** The catalog as the Models view shows it. */
export type CatalogView = Catalog & { acceptedLicences: string[] };

/** What a checkpoint folder holds, shown (with its licence) before conversion starts. */
export interface CheckpointSummary {
  dir: string;
  name: string;
  format: 'safetensors' | 'pytorch';
  files: string[];
  tensorCount: number;
  weightBytes: number;
  layers: number;
  embedding: number;
  vocabSize: number;
  contextLength: number;
  licence: ModelLicence | null;
  licenceAccepted: boolean;
}

export const modelsContract = {
  list: request<ModelInfo[]>()(z.object({}).strict()),
  /** Writes the tiny demo model into the models folder (idempotent) and makes it the default if none. */
  installDemo: request<ModelInfo>()(z.object({}).strict()),
  setDefault: request<ModelInfo>()(z.object({ id: modelId }).strict()),
  /** Unregisters a model; deletes its file only when it lives in the models folder. */
  remove: request<ModelInfo[]>()(z.object({ id: modelId }).strict()),
  catalog: request<CatalogView>()(z.object({}).strict()),
  /** Records acceptance of a licence before its weights are downloaded or converted. */
  acceptLicence: request<CatalogView>()(z.object({ id: z.string().min(1).max(100) }).strict()),
  inspectCheckpoint: request<CheckpointSummary>()(z.object({ dir: serverPath }).strict()),
  /** Imports a GGUF from a path on the studio's machine: copied into the models folder or used in place. */
  import: stream<ModelJobPacket, ModelInfo>()(importInput),
  download: stream<ModelJobPacket, ModelInfo>()(downloadInput),
  /** Converts a ChatGLM2-family hub checkpoint folder to GGUF and quantises it. */
  convert: stream<ModelJobPacket, ModelInfo>()(convertInput),
  /** Lists, downloads (resumable, verified), converts, quantises, registers and loads a hub repository. */
  get: stream<ModelJobPacket, ModelInfo>()(getInput),
  leftovers: request<ModelLeftovers>()(z.object({}).strict()),
  /** Removes the leftovers of unfinished downloads; answers with what is left (gets running now). */
  cleanUp: request<ModelLeftovers>()(z.object({}).strict()),
};
