import { z } from 'zod';
import { hubEndpointSchema } from '../models/hub-repo';
import { remoteUrlSchema } from '../runtime/remote-url';

// Studio-wide preferences, stored in the data folder so the desktop app and serve mode agree.

export const languageSchema = z.enum(['system', 'zh-CN', 'en']);

export const CONTEXT_SIZE_MIN = 512;
export const CONTEXT_SIZE_MAX = 131072;
export const GPU_MEMORY_LIMIT_MIN_MIB = 16;
export const GPU_MEMORY_LIMIT_MAX_MIB = 1024 * 1024;

const fields = {
  language: languageSchema,
  defaultModelId: z.string().nullable(),
  gpu: z.enum(['auto', 'off']),
  /** Layers of a model on the GPU: as many as fit (node-llama-cpp's fitting, the context counted), all, or a count. */
  gpuLayers: z.union([z.enum(['auto', 'max']), z.number().int().min(0).max(999)]),
  /**
   * Tokens per chat: the most that fit in free memory beside the model (up to the model's training context,
   * at most AUTO_CONTEXT_MAX), or a fixed count.
   */
  contextSize: z.union([z.literal('auto'), z.number().int().min(CONTEXT_SIZE_MIN).max(CONTEXT_SIZE_MAX)]),
  /**
   * GPU memory the studio may fill with layers and chat contexts, in MiB (null: all the device has, less
   * node-llama-cpp's margin): room left for a game, a browser or a second model on the same card.
   */
  gpuMemoryLimitMiB: z.number().int().min(GPU_MEMORY_LIMIT_MIN_MIB).max(GPU_MEMORY_LIMIT_MAX_MIB).nullable(),
  /** Null means one thread per physical core. */
  threads: z.number().int().min(1).max(256).nullable(),
  /** Model licences (catalog ids) the user has read and accepted before a download or conversion. */
  acceptedLicences: z.array(z.string().min(1).max(100)).max(100),
  /** A mirror of the model hub (HF_ENDPOINT, when set, wins); null: the hub itself. The token lives elsewhere. */
  hubEndpoint: hubEndpointSchema.nullable(),
  /** Where replies are computed: the model loaded here, or an OpenAI-compatible server (llama-server, vLLM). */
  engine: z.enum(['local', 'remote']),
  /** The remote server's API address, e.g. http://gpu-box:8080/v1; its key lives in its own file. */
  remoteUrl: remoteUrlSchema.nullable(),
  /** The model name sent to the remote server ('' lets it choose: llama-server serves one model). */
  remoteModel: z.string().trim().max(200),
};

/** The settings file's schema; unknown keys are dropped, missing ones take defaults. */
export const settingsSchema = z.object({
  language: fields.language.default('system'),
  defaultModelId: fields.defaultModelId.default(null),
  gpu: fields.gpu.default('auto'),
  gpuLayers: fields.gpuLayers.default('auto'),
  contextSize: fields.contextSize.default('auto'),
  gpuMemoryLimitMiB: fields.gpuMemoryLimitMiB.default(null),
  threads: fields.threads.default(null),
  acceptedLicences: fields.acceptedLicences.default([]),
  hubEndpoint: fields.hubEndpoint.default(null),
  engine: fields.engine.default('local'),
  remoteUrl: fields.remoteUrl.default(null),
  remoteModel: fields.remoteModel.default(''),
});

/** A change to some settings; absent keys stay as they are (no defaults are filled in). */
export const settingsPatchSchema = z.object(fields).partial().strict();

export type Settings = z.output<typeof settingsSchema>;
export type Language = z.output<typeof languageSchema>;
export type GpuLayers = Settings['gpuLayers'];
export type ContextSizeSetting = Settings['contextSize'];

/** The largest window "auto" asks for: longer chats keep their oldest turns out of the prompt instead. */
export const AUTO_CONTEXT_MAX = 4096;
/** The smallest window "auto" accepts before it reports that memory is short. */
export const AUTO_CONTEXT_MIN = 1024;
