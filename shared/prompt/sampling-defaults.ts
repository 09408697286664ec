// Sampler defaults. The model's own `chat()` uses top-p 0.9, temperature 0.9, a multiplicative
// repetition penalty of 1.6 and max length 8192 (DESIGN.md §3); the official web demo's sliders start at
// top-p 0.8, temperature 0.9, penalty 1.0. Repetition is one of the paper's error categories, so the
// studio defaults to the model's own settings and lets the writer change them per chat.

/** Per-chat sampler settings as the UI and the runtime exchange them. */
export interface SamplerSettings {
  temperature: number;
  topP: number;
  topK: number;
  minP: number;
  repeatPenalty: number;
  maxTokens: number;
  /** Null: a fresh random seed per reply. */
  seed: number | null;
}

export const CHARACTERGLM_SAMPLER_DEFAULTS: SamplerSettings = {
  temperature: 0.9,
  topP: 0.9,
  topK: 0,
  minP: 0,
  repeatPenalty: 1.6,
  maxTokens: 8192,
  seed: null,
};

/** The official web demo's starting values, offered as a preset. */
export const CHARACTERGLM_WEB_DEMO_PRESET: SamplerSettings = { ...CHARACTERGLM_SAMPLER_DEFAULTS, topP: 0.8, repeatPenalty: 1.0 };
