import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededNormal } from '../../shared/random/seeded';
import { tinyVocabulary } from '../tiny-model/vocab';
import { encodeSentencePieceModel } from './sentencepiece-writer';
import { writeSafetensorsFile } from '../../electron/services/models/checkpoint/safetensors-file';
import { writeTorchBin } from './torch-bin-writer';

// A tiny ChatGLM2 hub-style checkpoint (config.json, tokenizer.model, bf16 weights as safetensors or
// PyTorch .bin shards with an index json), written from a fixed seed so conversion can be tested end to
// end in seconds. Head size and KV-head count match the real 6B model; every weight row length is a
// multiple of 256 so the K-quants apply as they do at full size.

/** Shape of the tiny checkpoint. */
export const TINY_CHECKPOINT = {
  hidden: 256, layers: 2, heads: 4, kvGroups: 2, ffn: 512, seqLength: 2048, paddedVocab: 1280, eps: 1e-5,
} as const;

/** One tensor of the checkpoint with the exact values stored (after bf16 rounding). */
export interface TinyCheckpointTensor {
  name: string;
  shape: number[];
  values: Float32Array;
  bf16: Uint8Array;
}

/** The written checkpoint: where it is and what it holds. */
export interface TinyCheckpoint {
  dir: string;
  tensors: TinyCheckpointTensor[];
  tokenizerModel: Uint8Array;
}

function toBf16(values: Float32Array): { rounded: Float32Array; bytes: Uint8Array } {
  const words = new Uint32Array(values.buffer.slice(0));
  const out = new Uint16Array(values.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    out[i] = (w + 0x7fff + ((w >> 16) & 1)) >>> 16;
    words[i] = out[i]! << 16;
  }
  return { rounded: new Float32Array(words.buffer), bytes: new Uint8Array(out.buffer) };
}

/** The tensors of the tiny checkpoint in hub naming, bf16-rounded. */
export function tinyCheckpointTensors(seed = 6): TinyCheckpointTensor[] {
  const c = TINY_CHECKPOINT;
  const headDim = c.hidden / c.heads;
  const normal = seededNormal(seed);
  const tensors: TinyCheckpointTensor[] = [];
  const add = (name: string, shape: number[], fill: () => number): void => {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = fill();
    const { rounded, bytes } = toBf16(values);
    tensors.push({ name, shape, values: rounded, bf16: bytes });
  };
  const w = (): number => normal() * 0.05;
  const norm = (): number => 1 + normal() * 0.1;
  add('transformer.embedding.word_embeddings.weight', [c.paddedVocab, c.hidden], w);
  add('transformer.rotary_pos_emb.inv_freq', [headDim / 4], () => 0.5);
  for (let b = 0; b < c.layers; b++) {
    const p = `transformer.encoder.layers.${b}`;
    add(`${p}.input_layernorm.weight`, [c.hidden], norm);
    add(`${p}.self_attention.query_key_value.weight`, [c.hidden + 2 * c.kvGroups * headDim, c.hidden], w);
    add(`${p}.self_attention.query_key_value.bias`, [c.hidden + 2 * c.kvGroups * headDim], w);
    add(`${p}.self_attention.dense.weight`, [c.hidden, c.hidden], w);
    add(`${p}.post_attention_layernorm.weight`, [c.hidden], norm);
    add(`${p}.mlp.dense_h_to_4h.weight`, [2 * c.ffn, c.hidden], w);
    add(`${p}.mlp.dense_4h_to_h.weight`, [c.hidden, c.ffn], w);
  }
  add('transformer.encoder.final_layernorm.weight', [c.hidden], norm);
  add('transformer.output_layer.weight', [c.paddedVocab, c.hidden], w);
  return tensors;
}

/** The tiny tokenizer.model: the demo vocabulary's SentencePiece pieces, without ChatGLM2's specials. */
export function tinyTokenizerModel(): Uint8Array {
  const pieces = tinyVocabulary()
    .filter((t) => !['[MASK]', '[gMASK]', '[sMASK]', 'sop', 'eop'].includes(t.text))
    .map((t) => ({ piece: t.text, score: t.score, type: t.type }));
  return encodeSentencePieceModel({ pieces });
}

/** config.json as the hub ships it for ChatGLM2-family models. */
export function tinyConfig(name = 'thu-coai/tiny-CharacterGLM'): Record<string, unknown> {
  const c = TINY_CHECKPOINT;
  return {
    _name_or_path: name, model_type: 'chatglm', architectures: ['ChatGLMModel'],
    add_bias_linear: false, add_qkv_bias: true, apply_query_key_layer_scaling: true,
    apply_residual_connection_post_layernorm: false, attention_dropout: 0, attention_softmax_in_fp32: true,
    bias_dropout_fusion: true, ffn_hidden_size: c.ffn, fp32_residual_connection: false, hidden_dropout: 0,
    hidden_size: c.hidden, kv_channels: c.hidden / c.heads, layernorm_epsilon: c.eps, multi_query_attention: true,
    multi_query_group_num: c.kvGroups, num_attention_heads: c.heads, num_layers: c.layers, original_rope: true,
    padded_vocab_size: c.paddedVocab, post_layer_norm: true, rmsnorm: true, seq_length: c.seqLength,
    use_cache: true, torch_dtype: 'bfloat16', transformers_version: '4.30.2', tie_word_embeddings: false,
    eos_token_id: 2, pad_token_id: 0,
  };
}

/** Writes the checkpoint folder in hub layout, split into two shards with an index json. */
export async function writeTinyCheckpoint(dir: string, format: 'safetensors' | 'pytorch', seed = 6): Promise<TinyCheckpoint> {
  await mkdir(dir, { recursive: true });
  const tensors = tinyCheckpointTensors(seed);
  const tokenizerModel = tinyTokenizerModel();
  await writeFile(join(dir, 'config.json'), JSON.stringify(tinyConfig(), null, 2));
  await writeFile(join(dir, 'tokenizer.model'), tokenizerModel);
  await writeFile(join(dir, 'MODEL_LICENSE'), 'The CharacterGLM-6B License (test copy): non-commercial research use only.\n');
  const half = Math.ceil(tensors.length / 2);
  const shards = [tensors.slice(0, half), tensors.slice(half)];
  const weightMap: Record<string, string> = {};
  for (const [i, shard] of shards.entries()) {
    const file = format === 'safetensors' ? `model-0000${i + 1}-of-00002.safetensors` : `pytorch_model-0000${i + 1}-of-00002.bin`;
    for (const t of shard) weightMap[t.name] = file;
    if (format === 'safetensors') {
      await writeSafetensorsFile(join(dir, file), shard.map((t) => ({ name: t.name, dtype: 'BF16', shape: t.shape, data: () => [t.bf16] })));
    } else {
      await writeTorchBin(join(dir, file), shard.map((t) => ({ name: t.name, storage: 'BFloat16Storage', shape: t.shape, bytes: t.bf16 })), file.replace(/\.bin$/, ''));
    }
  }
  const index = format === 'safetensors' ? 'model.safetensors.index.json' : 'pytorch_model.bin.index.json';
  const totalSize = tensors.reduce((s, t) => s + t.bf16.byteLength, 0);
  await writeFile(join(dir, index), JSON.stringify({ metadata: { total_size: totalSize }, weight_map: weightMap }, null, 2));
  return { dir, tensors, tokenizerModel };
}

