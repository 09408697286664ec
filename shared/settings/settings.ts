import { z } from 'zod';

// Studio-wide preferences, stored in the data folder so the desktop app and serve mode agree.

export const languageSchema = z.enum(['system', 'zh-CN', 'en']);

const fields = {
  language: languageSchema,
  defaultModelId: z.string().nullable(),
  gpu: z.enum(['auto', 'off']),
  /** Layers of a model on the GPU: as many as fit (node-llama-cpp's fitting, the context counted), all, or a count. */
  gpuLayers: z.union([z.enum(['auto', 'max']), z.number().int().min(0).max(999)]),
  /** Null means one thread per physical core. */
  threads: z.number().int().min(1).max(256).nullable(),
  /** Model licences (catalog ids) the user has read and accepted before a download or conversion. */
  acceptedLicences: z.array(z.string().min(1).max(100)).max(100),
};

/** The settings file's schema; unknown keys are dropped, missing ones take defaults. */
export const settingsSchema = z.object({
  language: fields.language.default('system'),
  defaultModelId: fields.defaultModelId.default(null),
  gpu: fields.gpu.default('auto'),
  gpuLayers: fields.gpuLayers.default('auto'),
  threads: fields.threads.default(null),
  acceptedLicences: fields.acceptedLicences.default([]),
});

/** A change to some settings; absent keys stay as they are (no defaults are filled in). */
export const settingsPatchSchema = z.object(fields).partial().strict();

export type Settings = z.output<typeof settingsSchema>;
export type Language = z.output<typeof languageSchema>;
export type GpuLayers = Settings['gpuLayers'];
