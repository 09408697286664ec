import { ggufTensorName, hubTensorName } from '../models/chatglm2-tensor-plan';
import { LORA_TARGETS, type LoraTarget } from './training-settings';

// PEFT's names for a LoRA on the hub checkpoint, derived from the checkpoint converter's own name table
// (chatglm2-tensor-plan.ts), so an adapter maps onto exactly the tensors the converter wrote: PEFT wraps
// the hub model as `base_model.model.<hub module>` and stores A and B under `.lora_A.weight` and
// `.lora_B.weight` (DESIGN.md §10). ChatGLM2 keeps query/key/value and gate/up fused, as llama.cpp does,
// so a PEFT pair maps onto one GGUF pair without splitting.

const PEFT_PREFIX = 'base_model.model.';
const PEFT_PAIR = /^(.+)\.lora_([AB])\.weight$/;

/** Which half of a LoRA pair a tensor is: A (down, [r, in]) or B (up, [out, r]). */
export type LoraHalf = 'A' | 'B';

/** The PEFT key of one half of the LoRA on a GGUF weight (`blk.0.attn_qkv.weight`). */
export function peftKey(ggufWeight: string, half: LoraHalf): string {
  const hub = hubTensorName(ggufWeight);
  if (!hub) throw new Error(`${ggufWeight} is not a weight of a ChatGLM2 model`);
  return `${PEFT_PREFIX}${hub.replace(/\.weight$/, '')}.lora_${half}.weight`;
}

/** The GGUF weight and half a PEFT key names; null when the key is not a LoRA pair on a known weight. */
export function ggufWeightOfPeftKey(key: string): { weight: string; half: LoraHalf } | null {
  if (!key.startsWith(PEFT_PREFIX)) return null;
  const pair = PEFT_PAIR.exec(key.slice(PEFT_PREFIX.length));
  if (!pair) return null;
  const weight = ggufTensorName(`${pair[1]}.weight`);
  return weight ? { weight, half: pair[2] as LoraHalf } : null;
}

/** The LoRA target kind of a GGUF weight (`blk.3.ffn_up.weight` → ffn_up), or null for weights the studio never adapts. */
export function loraTargetOf(ggufWeight: string): LoraTarget | null {
  const kind = ggufWeight.replace(/^blk\.\d+\./, '').replace(/\.weight$/, '');
  return (LORA_TARGETS as readonly string[]).includes(kind) ? (kind as LoraTarget) : null;
}

/** PEFT's `target_modules` name for a target kind: the last part of the hub module (attn_qkv → query_key_value). */
export function peftModuleName(target: LoraTarget): string {
  const hub = hubTensorName(target === 'output' ? 'output.weight' : `blk.0.${target}.weight`)!;
  return hub.replace(/\.weight$/, '').split('.').at(-1)!;
}

/** The block index of a GGUF weight, or null for the output layer. */
export function blockOf(ggufWeight: string): number | null {
  const block = /^blk\.(\d+)\./.exec(ggufWeight);
  return block ? Number(block[1]) : null;
}
