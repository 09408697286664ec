import { z } from 'zod';
import { CHARACTERGLM_SAMPLER_DEFAULTS, type SamplerSettings } from '../prompt/sampling-defaults';

// Per-chat generation settings as they cross the boundary: sampler values (defaulting to the model's own,
// DESIGN.md §3) and an optional LoRA adapter with its scale. Ranges are wide but finite, so a typo in a
// field is named instead of reaching llama.cpp.

/** Sampler values; every field optional on input, filled from the model's own defaults. */
export const samplerSettingsSchema = z
  .object({
    temperature: z.number().min(0).max(5),
    topP: z.number().min(0).max(1),
    topK: z.number().int().min(0).max(1000),
    minP: z.number().min(0).max(1),
    repeatPenalty: z.number().min(0.1).max(5),
    maxTokens: z.number().int().min(1).max(32_768),
    seed: z.number().int().min(0).max(0xffffffff).nullable(),
    /** Never end on end-of-sequence (SillyTavern's "Ban EOS token"): replies run to max tokens or a new speaker line. */
    banEos: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<ChatSampler>;

/** The model's sampler settings plus the chat's own switches. */
export type ChatSampler = SamplerSettings & { banEos?: boolean };

/** A LoRA adapter of the character (by folder name under adapters/) and how strongly it applies. */
export const adapterChoiceSchema = z
  .object({
    name: z.string().min(1).max(200),
    scale: z.number().min(0).max(4).default(1),
  })
  .strict();

/** A chat's adapter: its name under adapters/ and its scale. */
export type AdapterChoice = z.output<typeof adapterChoiceSchema>;

/** What a chat remembers about how to generate: sampler values plus the adapter (or none). */
export interface GenerationSettings {
  sampler: ChatSampler;
  adapter: AdapterChoice | null;
}

/** A new chat's settings: the model's own sampler defaults, no adapter. */
export const DEFAULT_GENERATION_SETTINGS: GenerationSettings = { sampler: CHARACTERGLM_SAMPLER_DEFAULTS, adapter: null };

/** Partial settings as the UI sends them; missing sampler fields keep their current value. */
export const generationSettingsPatchSchema = z
  .object({
    sampler: samplerSettingsSchema.partial().optional(),
    adapter: adapterChoiceSchema.nullable().optional(),
  })
  .strict();

/** A change to a chat's settings. */
export type GenerationSettingsPatch = z.output<typeof generationSettingsPatchSchema>;

/** Applies a patch; pure so the renderer can preview it and the service can store it. */
export function applySettingsPatch(current: GenerationSettings, patch: GenerationSettingsPatch): GenerationSettings {
  return {
    sampler: { ...current.sampler, ...patch.sampler },
    adapter: patch.adapter === undefined ? current.adapter : patch.adapter,
  };
}
