import type { GgmlTypeName } from '../gguf/types';
import type { ChatGlm2Hparams } from './chatglm2-config';

// Maps ChatGLM2 hub tensor names onto llama.cpp's `chatglm` layout. ChatGLM2 already stores query, key
// and value fused (with bias) and gate/up fused, in the order llama.cpp expects, and its rotary
// embedding is computed at run time, so each tensor maps one-to-one: only names, shapes and storage
// types change. PyTorch shapes are [rows, columns]; GGUF lists dimensions innermost first.

/** Element types found in checkpoints. */
export type SourceDtype = 'BF16' | 'F16' | 'F32';

/** One tensor as a checkpoint describes it. */
export interface SourceTensor {
  name: string;
  dtype: SourceDtype;
  shape: readonly number[];
}

/** One tensor of the GGUF to write, and where its data comes from. */
export interface PlannedTensor {
  name: string;
  source: string;
  sourceDtype: SourceDtype;
  dims: number[];
  type: GgmlTypeName;
}

/** The storage type of 2-D weights in the converted file. */
export type WeightType = 'F16' | 'BF16' | 'F32';

const BLOCK = /^(?:transformer\.)?encoder\.layers\.(\d+)\.(.+)$/;
const BLOCK_NAMES: Record<string, string> = {
  'input_layernorm.weight': 'attn_norm.weight',
  'self_attention.query_key_value.weight': 'attn_qkv.weight',
  'self_attention.query_key_value.bias': 'attn_qkv.bias',
  'self_attention.dense.weight': 'attn_output.weight',
  'post_attention_layernorm.weight': 'ffn_norm.weight',
  'mlp.dense_h_to_4h.weight': 'ffn_up.weight',
  'mlp.dense_4h_to_h.weight': 'ffn_down.weight',
};
const TOP_NAMES: Record<string, string> = {
  'embedding.word_embeddings.weight': 'token_embd.weight',
  'encoder.final_layernorm.weight': 'output_norm.weight',
  'output_layer.weight': 'output.weight',
};
const SKIPPED = /rotary_pos_emb\.inv_freq$/;

/** The GGUF name of a hub tensor; null for tensors llama.cpp recomputes; undefined if unknown. */
export function ggufTensorName(hubName: string): string | null | undefined {
  if (SKIPPED.test(hubName)) return null;
  const block = BLOCK.exec(hubName);
  if (block) {
    const mapped = BLOCK_NAMES[block[2]!];
    return mapped ? `blk.${block[1]}.${mapped}` : undefined;
  }
  return TOP_NAMES[hubName.replace(/^transformer\./, '')];
}

const HUB_BLOCK_NAMES = new Map(Object.entries(BLOCK_NAMES).map(([hub, gguf]) => [gguf, hub]));
const HUB_TOP_NAMES = new Map(Object.entries(TOP_NAMES).map(([hub, gguf]) => [gguf, hub]));

/** The hub name of a GGUF tensor, as the hub's own files spell it (`transformer.` first): the inverse of ggufTensorName. */
export function hubTensorName(ggufName: string): string | undefined {
  const block = /^blk\.(\d+)\.(.+)$/.exec(ggufName);
  if (block) {
    const hub = HUB_BLOCK_NAMES.get(block[2]!);
    return hub ? `transformer.encoder.layers.${block[1]}.${hub}` : undefined;
  }
  const top = HUB_TOP_NAMES.get(ggufName);
  return top ? `transformer.${top}` : undefined;
}

/** Shapes llama.cpp will insist on, in PyTorch order ([rows, columns]). */
function expectedShapes(h: ChatGlm2Hparams): Map<string, number[]> {
  const qkv = h.embedding + 2 * h.kvHeads * h.headDim;
  const shapes = new Map<string, number[]>([
    ['token_embd.weight', [h.vocabSize, h.embedding]],
    ['output_norm.weight', [h.embedding]],
    ['output.weight', [h.vocabSize, h.embedding]],
  ]);
  for (let b = 0; b < h.blocks; b++) {
    shapes.set(`blk.${b}.attn_norm.weight`, [h.embedding]);
    shapes.set(`blk.${b}.attn_qkv.weight`, [qkv, h.embedding]);
    shapes.set(`blk.${b}.attn_qkv.bias`, [qkv]);
    shapes.set(`blk.${b}.attn_output.weight`, [h.embedding, h.embedding]);
    shapes.set(`blk.${b}.ffn_norm.weight`, [h.embedding]);
    shapes.set(`blk.${b}.ffn_up.weight`, [2 * h.feedForward, h.embedding]);
    shapes.set(`blk.${b}.ffn_down.weight`, [h.embedding, h.feedForward]);
  }
  return shapes;
}

/**
 * Plans the converted file: every tensor llama.cpp needs, in its canonical order, with shape checks.
 * Throws naming the first missing, unexpected or misshapen tensor.
 */
export function planChatGlm2Tensors(h: ChatGlm2Hparams, tensors: readonly SourceTensor[], weightType: WeightType): PlannedTensor[] {
  const byGguf = new Map<string, SourceTensor>();
  for (const t of tensors) {
    const name = ggufTensorName(t.name);
    if (name === null) continue;
    if (name === undefined) throw new Error(`unexpected tensor "${t.name}": not part of a ChatGLM2 model`);
    if (byGguf.has(name)) throw new Error(`tensor "${t.name}" appears twice`);
    byGguf.set(name, t);
  }
  const planned: PlannedTensor[] = [];
  for (const [name, shape] of expectedShapes(h)) {
    const source = byGguf.get(name);
    if (!source) throw new Error(`missing tensor for ${name} (is a weight shard missing?)`);
    if (source.shape.length !== shape.length || source.shape.some((d, i) => d !== shape[i])) {
      throw new Error(`tensor "${source.name}" has shape [${source.shape.join(', ')}], expected [${shape.join(', ')}] from config.json`);
    }
    planned.push({
      name,
      source: source.name,
      sourceDtype: source.dtype,
      dims: [...shape].reverse(),
      type: shape.length === 1 ? 'F32' : weightType,
    });
    byGguf.delete(name);
  }
  const extra = byGguf.keys().next();
  if (!extra.done) throw new Error(`unexpected tensor "${byGguf.get(extra.value)!.name}": config.json declares fewer layers`);
  return planned;
}
