import { randomFillSync } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { tinyVocabulary, TokenType } from '../models/tiny-model/vocab';
import { writeGgufFile, type GgufTensorSource } from '../electron/services/models/gguf-file-writer';
import { ggmlTensorBytes, gv, type GgmlTypeName, type GgufTensorInfo, type GgufValue } from '../shared/gguf/types';
import { chatGlm2HparamKeys, chatGlm2TokenizerKeys } from '../shared/models/chatglm2-gguf-metadata';

// A CharacterGLM-6B-shaped `chatglm` GGUF with random Q4_0 weights (DESIGN.md §4 and §8): the real model's
// shapes and quantisation, so speed and memory measured on it are the real model's, without its licence or
// its download. Written tensor by tensor (one tensor in memory at a time), in well under a minute.

/** CharacterGLM-6B's shape (ChatGLM2-6B). */
export const SIX_B_SHAPE = { blocks: 28, embedding: 4096, heads: 32, kvHeads: 2, feedForward: 13696, vocab: 65024, contextLength: 32768 } as const;

/** Half-precision bits of a float (for the Q4_0 block scale). */
function f16Bits(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = (bits >>> 13) & 0x3ff;
  return sign | (Math.max(0, Math.min(31, exponent)) << 10) | mantissa;
}

/** Random Q4_0 blocks: 16 random bytes of 4-bit weights behind a fixed small scale, so activations stay finite. */
function randomQ4_0(info: GgufTensorInfo): Uint8Array {
  const bytes = new Uint8Array(ggmlTensorBytes(info));
  randomFillSync(bytes);
  const scale = f16Bits(0.004);
  for (let at = 0; at < bytes.length; at += 18) {
    bytes[at] = scale & 0xff;
    bytes[at + 1] = scale >> 8;
  }
  return bytes;
}

function constantF32(count: number, value: number): Uint8Array {
  return new Uint8Array(new Float32Array(count).fill(value).buffer);
}

/** The tiny model's tokenizer (special tokens, byte fallback, common words) padded to the real vocab size. */
function vocabulary(size: number): { tokens: string[]; scores: number[]; types: number[] } {
  const base = tinyVocabulary();
  const tokens = base.map((t) => t.text);
  const scores = base.map((t) => t.score);
  const types = base.map((t) => t.type);
  for (let i = tokens.length; i < size; i++) {
    tokens.push(`\u2581filler${i}`);
    scores.push(-20);
    types.push(TokenType.normal);
  }
  return { tokens, scores, types };
}

/** Writes the 6B-shaped model to `target` (about 3.3 GB); `blocks` can be lowered for quick trials. */
export async function writeSixBModel(target: string, blocks: number = SIX_B_SHAPE.blocks, onTensor?: (name: string) => void): Promise<void> {
  const h = { ...SIX_B_SHAPE, blocks };
  const headDim = h.embedding / h.heads;
  const qkvRows = h.embedding + 2 * h.kvHeads * headDim;
  const tensors: GgufTensorSource[] = [];
  const q4 = (name: string, dims: number[]): void => {
    const info = { name, dims, type: 'Q4_0' as GgmlTypeName };
    tensors.push({ info, bytes: () => randomQ4_0(info) });
  };
  const f32 = (name: string, count: number, value: number): void => {
    tensors.push({ info: { name, dims: [count], type: 'F32' }, bytes: () => constantF32(count, value) });
  };
  q4('token_embd.weight', [h.embedding, h.vocab]);
  f32('output_norm.weight', h.embedding, 1);
  q4('output.weight', [h.embedding, h.vocab]);
  for (let b = 0; b < h.blocks; b++) {
    f32(`blk.${b}.attn_norm.weight`, h.embedding, 1);
    q4(`blk.${b}.attn_qkv.weight`, [h.embedding, qkvRows]);
    f32(`blk.${b}.attn_qkv.bias`, qkvRows, 0);
    q4(`blk.${b}.attn_output.weight`, [h.embedding, h.embedding]);
    f32(`blk.${b}.ffn_norm.weight`, h.embedding, 1);
    q4(`blk.${b}.ffn_up.weight`, [h.embedding, 2 * h.feedForward]);
    q4(`blk.${b}.ffn_down.weight`, [h.feedForward, h.embedding]);
  }
  const vocab = vocabulary(h.vocab);
  const metadata: Record<string, GgufValue> = {
    'general.architecture': gv.str('chatglm'),
    'general.name': gv.str(`characterglm-6b-shaped-random-q4_0${blocks === SIX_B_SHAPE.blocks ? '' : `-${blocks}-blocks`}`),
    'general.description': gv.str('Random weights in CharacterGLM-6B\'s shape, for benchmarks; says nothing meaningful.'),
    'general.file_type': gv.u32(2),
    ...chatGlm2HparamKeys({ ...h, rmsEps: 1e-5, ropeDim: headDim / 2, ropeFreqBase: 10000 }),
    ...chatGlm2TokenizerKeys(vocab, { bos: 1, eos: 2, unk: 0, pad: 0 }),
  };
  await writeGgufFile(target, metadata, tensors, { onTensor: (_i, info) => onTensor?.(info.name) });
}

/** True when `path` already holds a file of the size the writer produces for `blocks` (reused between runs). */
export async function sixBModelExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 3_000_000_000;
  } catch {
    return false;
  }
}
