import { z } from 'zod';

// The knobs of a training run, and three presets for writers who do not want to turn them. Defaults
// follow common LoRA practice for 6B models (rank 8 on every linear layer of the blocks, alpha 2x rank,
// AdamW at 1e-3 with warm-up and cosine decay); "quick" trades quality for minutes on a CPU.

/** Weights that can get a LoRA pair (llama.cpp tensor kinds of the chatglm architecture). */
export const LORA_TARGETS = ['attn_qkv', 'attn_output', 'ffn_up', 'ffn_down', 'output'] as const;
export type LoraTarget = (typeof LORA_TARGETS)[number];

export const trainingSettingsSchema = z.object({
  rank: z.number().int().min(1).max(128),
  alpha: z.number().positive().max(1024),
  targets: z.array(z.enum(LORA_TARGETS)).min(1, 'pick at least one layer kind to adapt').max(LORA_TARGETS.length),
  /** Adapt only blocks first..last (inclusive); null: every block. */
  layers: z.object({ first: z.number().int().min(0), last: z.number().int().min(0) }).strict()
    .refine((l) => l.first <= l.last, 'the first layer must not come after the last').nullable(),
  epochs: z.number().int().min(1).max(200),
  learningRate: z.number().positive().max(0.1),
  /** Tokens per training window; longer dialogues are cut into pieces that fit. */
  windowTokens: z.number().int().min(64).max(8192),
  /** Share of dialogues kept aside to measure the held-out loss (none for fewer than 4 dialogues). */
  heldOutFraction: z.number().min(0).max(0.5),
  /** Windows per optimiser step. */
  gradAccum: z.number().int().min(1).max(64),
  weightDecay: z.number().min(0).max(1),
  seed: z.number().int().min(0).max(2_147_483_647),
}).strict();

export type TrainingSettings = z.output<typeof trainingSettingsSchema>;

export const TRAINING_PRESETS = ['quick', 'balanced', 'thorough'] as const;
export type TrainingPreset = (typeof TRAINING_PRESETS)[number];

const BALANCED: TrainingSettings = {
  rank: 8, alpha: 16, targets: ['attn_qkv', 'attn_output', 'ffn_up', 'ffn_down'], layers: null,
  epochs: 3, learningRate: 1e-3, windowTokens: 512, heldOutFraction: 0.1, gradAccum: 1, weightDecay: 0, seed: 42,
};

/** The settings of each preset. */
export const PRESET_SETTINGS: Record<TrainingPreset, TrainingSettings> = {
  quick: { ...BALANCED, rank: 4, alpha: 8, targets: ['attn_qkv', 'attn_output'], epochs: 2, learningRate: 2e-3, windowTokens: 256 },
  balanced: BALANCED,
  thorough: { ...BALANCED, rank: 16, alpha: 32, epochs: 5, learningRate: 5e-4, gradAccum: 2 },
};

/** Overrides on top of a preset, as the custom form and the CLI give them. */
export const trainingSettingsPatchSchema = trainingSettingsSchema.partial();

/** A preset with the writer's overrides, validated. */
export function resolveSettings(preset: TrainingPreset, patch: z.input<typeof trainingSettingsPatchSchema> = {}): TrainingSettings {
  return trainingSettingsSchema.parse({ ...PRESET_SETTINGS[preset], ...patch });
}
