import { z } from 'zod';

// Studio-wide preferences, stored in the data folder so the desktop app and serve mode agree.

export const languageSchema = z.enum(['system', 'zh-CN', 'en']);

const fields = {
  language: languageSchema,
  defaultModelId: z.string().nullable(),
  gpu: z.enum(['auto', 'off']),
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
  threads: fields.threads.default(null),
  acceptedLicences: fields.acceptedLicences.default([]),
});

/** A change to some settings; absent keys stay as they are (no defaults are filled in). */
export const settingsPatchSchema = z.object(fields).partial().strict();

export type Settings = z.output<typeof settingsSchema>;
export type Language = z.output<typeof languageSchema>;
