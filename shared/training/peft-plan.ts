import type { SourceDtype } from '../models/chatglm2-tensor-plan';
import { ggufAlpha, type PeftLoraConfig } from './peft-config';
import { blockOf, ggufWeightOfPeftKey, loraTargetOf, type LoraHalf } from './peft-names';
import type { LoraTarget } from './training-settings';

// Which PEFT tensor becomes which GGUF adapter tensor, checked against the base model before a byte is
// read: every key must be one half of a LoRA pair on a weight of this model, with the config's rank and
// the model's sizes. PEFT's A is [r, in] and B [out, r] (PyTorch order); a GGUF LoRA stores lora_a with
// ggml dims [in, r] and lora_b [r, out] — the same bytes, so the data is copied, never transposed.

/** Most tensors an adapter file may list: two per adapted weight of a large model, with room to spare. */
export const MAX_PEFT_TENSORS = 4096;

/** A tensor as the adapter file's header lists it. */
export interface PeftTensor {
  name: string;
  dtype: SourceDtype;
  shape: readonly number[];
}

/** One GGUF pair to write and the PEFT tensors it comes from. */
export interface LoraPairPlan {
  weight: string;
  a: PeftTensor;
  b: PeftTensor;
  nIn: number;
  nOut: number;
}

/** The adapter to write. */
export interface PeftImportPlan {
  pairs: LoraPairPlan[];
  rank: number;
  /** adapter.lora.alpha of the GGUF (llama.cpp scales by alpha / r). */
  alpha: number;
  targets: LoraTarget[];
  /** Blocks the adapter touches, ascending. */
  blocks: number[];
}

/** Why a key that is not a plain LoRA pair cannot be imported. */
function unmappable(key: string): string {
  if (key.includes('lora_magnitude_vector')) return `tensor "${key}" is a DoRA magnitude, which a GGUF LoRA cannot express`;
  if (key.includes('modules_to_save')) return `tensor "${key}" is a fully trained module (modules_to_save), which an adapter file cannot carry`;
  if (/lora_embedding_[AB]/.test(key)) return `tensor "${key}" is a LoRA on the token embedding, which the studio's adapters do not support`;
  if (/\.bias$/.test(key)) return `tensor "${key}" is a trained bias, which a GGUF LoRA cannot carry`;
  return `tensor "${key}" is not a LoRA on a ChatGLM2 weight (is the adapter for another architecture?)`;
}

const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/**
 * Plans the import of `tensors` (an adapter file's header) onto a base model whose weights have
 * `baseDims` (GGUF name → ggml dims, innermost first). Throws naming the first key that does not fit.
 */
export function planPeftImport(config: PeftLoraConfig, tensors: readonly PeftTensor[], baseDims: ReadonlyMap<string, readonly number[]>): PeftImportPlan {
  if (tensors.length > MAX_PEFT_TENSORS) throw new Error(`the adapter lists ${tensors.length} tensors, more than a LoRA of this model has`);
  const halves = new Map<string, Partial<Record<LoraHalf, PeftTensor>>>();
  for (const t of tensors) {
    const mapped = ggufWeightOfPeftKey(t.name);
    if (!mapped) throw new Error(unmappable(t.name));
    const target = loraTargetOf(mapped.weight);
    if (!target) throw new Error(`tensor "${t.name}" adapts ${mapped.weight}, which the studio's adapters do not support`);
    const dims = baseDims.get(mapped.weight);
    if (!dims || dims.length !== 2) throw new Error(`tensor "${t.name}" adapts ${mapped.weight}, which this model does not have (an adapter for a model with more layers?)`);
    if (t.shape.length !== 2) throw new Error(`tensor "${t.name}" has shape ${shapeText(t.shape)}; a LoRA matrix has two dimensions`);
    const [nIn, nOut] = dims as [number, number];
    const [rows, cols] = t.shape as [number, number];
    const rank = mapped.half === 'A' ? rows : cols;
    if (rank !== config.rank) throw new Error(`adapter_config.json: "r" is ${config.rank}, but tensor "${t.name}" has rank ${rank} (shape ${shapeText(t.shape)})`);
    const expected = mapped.half === 'A' ? [config.rank, nIn] : [nOut, config.rank];
    if (rows !== expected[0] || cols !== expected[1]) {
      throw new Error(`tensor "${t.name}" has shape ${shapeText(t.shape)}, but ${mapped.weight} of this model needs ${shapeText(expected)} (an adapter for a model of other sizes?)`);
    }
    const pair = halves.get(mapped.weight) ?? {};
    if (pair[mapped.half]) throw new Error(`tensor "${t.name}" appears twice`);
    pair[mapped.half] = t;
    halves.set(mapped.weight, pair);
  }
  if (halves.size === 0) throw new Error('the adapter file holds no LoRA tensors');
  // in the base model's own tensor order, so the written file is the same whatever order the keys came in
  const order = [...baseDims.keys()];
  const pairs = [...halves.entries()]
    .sort(([x], [y]) => order.indexOf(x) - order.indexOf(y))
    .map(([weight, pair]) => {
      if (!pair.A || !pair.B) throw new Error(`${weight}: the adapter has lora_${pair.A ? 'A' : 'B'} but no lora_${pair.A ? 'B' : 'A'} for it`);
      const [nIn, nOut] = baseDims.get(weight) as [number, number];
      return { weight, a: pair.A, b: pair.B, nIn, nOut };
    });
  const targets = [...new Set(pairs.map((p) => loraTargetOf(p.weight)!))];
  const blocks = [...new Set(pairs.map((p) => blockOf(p.weight)).filter((b): b is number => b !== null))].sort((x, y) => x - y);
  return { pairs, rank: config.rank, alpha: ggufAlpha(config), targets, blocks };
}
