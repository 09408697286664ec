import { z } from 'zod';
import { formatIssues } from '../validation/format-issues';
import { jsonTextDepthProblem } from '../validation/bounded-json';

// adapter_config.json as PEFT (and LLaMA-Factory, which saves through PEFT) writes it for a LoRA. Read
// from a stranger's folder, so it is bounded before it is parsed, and every feature a GGUF LoRA cannot
// express is refused by its field name: what llama.cpp applies is exactly W + scale·B·A per weight.

/** adapter_config.json is a few kilobytes; anything near this is not one. */
export const MAX_PEFT_CONFIG_BYTES = 1024 * 1024;
/** Ranks beyond this are not LoRAs any more (and would make one tensor larger than the weight it adapts). */
export const MAX_PEFT_RANK = 1024;

const emptyish = (v: unknown): boolean =>
  v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0);

const configSchema = z.object({
  peft_type: z.string(),
  r: z.number().int().min(1).max(MAX_PEFT_RANK),
  lora_alpha: z.number().positive().finite(),
  use_rslora: z.boolean().nullish(),
  target_modules: z.union([z.string(), z.array(z.string())]).nullish(),
  base_model_name_or_path: z.string().nullish(),
}).loose();

/** What the studio takes from a PEFT LoRA config. */
export interface PeftLoraConfig {
  rank: number;
  alpha: number;
  rsLora: boolean;
  targetModules: string[] | string | null;
  baseModel: string | null;
}

/** Fields whose non-default values change the computation beyond W + scale·B·A, with why a GGUF LoRA cannot hold them. */
const REFUSED: ReadonlyArray<[field: string, why: string]> = [
  ['use_dora', 'DoRA rescales every adapted weight by a learnt magnitude, which a GGUF LoRA cannot express'],
  ['modules_to_save', 'it trained whole modules besides the LoRA, which an adapter file cannot carry'],
  ['lora_bias', 'it trained a bias on the LoRA, which llama.cpp adapters do not have'],
  ['fan_in_fan_out', 'its weights are stored transposed (GPT-2 style Conv1D), not as ChatGLM2 stores them'],
  ['rank_pattern', 'per-module ranks are not supported; train with one rank'],
  ['alpha_pattern', 'per-module alphas are not supported; train with one lora_alpha'],
  ['layer_replication', 'it duplicates layers of the base model'],
  ['trainable_token_indices', 'it trained token embeddings besides the LoRA'],
  ['target_parameters', 'it adapts parameters rather than linear layers'],
];

/** Reads adapter_config.json; throws naming the field that cannot be imported. */
export function parsePeftConfig(text: string, size: number): PeftLoraConfig {
  if (size > MAX_PEFT_CONFIG_BYTES) throw new Error(`adapter_config.json is ${size} bytes, far larger than a PEFT config`);
  const depth = jsonTextDepthProblem(text, 16);
  if (depth) throw new Error(`adapter_config.json is ${depth}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`adapter_config.json is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('adapter_config.json is not a JSON object');
  const record = raw as Record<string, unknown>;
  if (typeof record.peft_type === 'string' && record.peft_type.toUpperCase() !== 'LORA') {
    throw new Error(`adapter_config.json: "peft_type" is "${record.peft_type}"; only LoRA adapters can be imported`);
  }
  const parsed = configSchema.safeParse(record);
  if (!parsed.success) throw new Error(`adapter_config.json: ${formatIssues(parsed.error)}`);
  for (const [field, why] of REFUSED) {
    if (!emptyish(record[field])) throw new Error(`adapter_config.json: "${field}" is ${JSON.stringify(record[field])}: ${why}`);
  }
  if (record.bias !== undefined && record.bias !== null && record.bias !== 'none') {
    throw new Error(`adapter_config.json: "bias" is ${JSON.stringify(record.bias)}: it trained biases, which a GGUF LoRA cannot carry`);
  }
  const c = parsed.data;
  return { rank: c.r, alpha: c.lora_alpha, rsLora: c.use_rslora ?? false, targetModules: c.target_modules ?? null, baseModel: c.base_model_name_or_path ?? null };
}

/** The `adapter.lora.alpha` a GGUF needs so that llama.cpp's alpha/r equals PEFT's scale (lora_alpha/r, or lora_alpha/√r with rsLoRA). */
export function ggufAlpha(config: Pick<PeftLoraConfig, 'rank' | 'alpha' | 'rsLora'>): number {
  return config.rsLora ? config.alpha * Math.sqrt(config.rank) : config.alpha;
}

/** adapter_config.json for a studio adapter: a plain LoRA that PEFT, transformers and vLLM load onto the hub checkpoint. */
export function peftConfigFor(input: { rank: number; alpha: number; targetModules: string[]; layers: number[] | null; baseModel: string }): Record<string, unknown> {
  return {
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    base_model_name_or_path: input.baseModel,
    r: input.rank,
    lora_alpha: input.alpha,
    lora_dropout: 0,
    target_modules: input.targetModules,
    bias: 'none',
    use_rslora: false,
    use_dora: false,
    modules_to_save: null,
    fan_in_fan_out: false,
    init_lora_weights: true,
    inference_mode: true,
    // Only the blocks the adapter covers get LoRA layers (the studio can train a range of layers).
    layers_to_transform: input.layers,
    layers_pattern: input.layers ? 'layers' : null,
    rank_pattern: {},
    alpha_pattern: {},
  };
}

/** What a PEFT export wrote. */
export interface PeftExportResult {
  path: string;
  files: string[];
  rank: number;
  loraAlpha: number;
  targetModules: string[];
  tensors: number;
}
