import { seededNormal } from '../../shared/random/seeded';
import { gv, type GgufTensorInfo, type GgufValue } from '../../shared/gguf/types';
import { tinyVocabulary, type TokenClass } from './vocab';
import { chatGlm2HparamKeys, chatGlm2TokenizerKeys } from '../../shared/models/chatglm2-gguf-metadata';

// A tiny random-weight model with CharacterGLM-6B's architecture (llama.cpp `chatglm`: fused qkv with
// bias, fused gate/up, half-head rotary, 2 KV heads) so every code path runs in tests in milliseconds.

/** Shape of the tiny model; head size and KV-head count match the real 6B model. */
export const TINY_HPARAMS = {
  contextLength: 4096,
  embedding: 256,
  feedForward: 512,
  blocks: 2,
  heads: 4,
  kvHeads: 2,
  rmsEps: 1e-5,
  ropeFreqBase: 10000,
} as const;

export const TINY_MODEL_NAME = 'tiny-chatglm-demo';
export const TINY_MODEL_SEED = 20231128;

/**
 * Base logit per token class. The embeddings carry a large constant in dimension 0, so after the final
 * RMS norm the hidden state points mostly along it and output row dimension 0 sets each class's prior:
 * words and characters compete, raw bytes and control tokens almost never appear, and end-of-sequence
 * is likely enough that replies are a sentence or two long.
 */
const CLASS_LOGIT: Record<TokenClass, number> = {
  han: 0, word: 0.5, punct: 0.3, space: -2, ascii: -3, byte: -12, special: -15, eos: 3.7,
};
const EMBED_ANCHOR = 8;
const EMBED_NOISE = 0.5;
const OUTPUT_NOISE = 0.13;
const LAYER_NOISE = 0.02;

export interface TinyTensor {
  info: GgufTensorInfo;
  data: Float32Array;
}

export interface TinyModel {
  metadata: Record<string, GgufValue>;
  tensors: TinyTensor[];
}

/** Builds the whole model in memory (a few MB) from a fixed seed: same bytes on every machine. */
export function buildTinyModel(seed = TINY_MODEL_SEED): TinyModel {
  const h = TINY_HPARAMS;
  const vocab = tinyVocabulary();
  const nVocab = vocab.length;
  const headDim = h.embedding / h.heads;
  const normal = seededNormal(seed);
  const tensors: TinyTensor[] = [];
  const add = (name: string, dims: number[], fill: (i: number) => number): void => {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = fill(i);
    tensors.push({ info: { name, dims, type: 'F32' }, data });
  };
  const noise = (std: number) => (): number => normal() * std;

  add('token_embd.weight', [h.embedding, nVocab], (i) => (i % h.embedding === 0 ? EMBED_ANCHOR : normal() * EMBED_NOISE));
  add('output_norm.weight', [h.embedding], () => 1);
  const anchorScale = EMBED_ANCHOR / Math.sqrt((EMBED_ANCHOR ** 2 + (h.embedding - 1) * EMBED_NOISE ** 2) / h.embedding);
  add('output.weight', [h.embedding, nVocab], (i) => {
    const token = vocab[Math.floor(i / h.embedding)]!;
    if (i % h.embedding === 0) return CLASS_LOGIT[token.cls] / anchorScale;
    return token.cls === 'eos' ? 0 : normal() * OUTPUT_NOISE;
  });
  const qkvRows = h.embedding + 2 * h.kvHeads * headDim;
  for (let b = 0; b < h.blocks; b++) {
    add(`blk.${b}.attn_norm.weight`, [h.embedding], () => 1);
    add(`blk.${b}.attn_qkv.weight`, [h.embedding, qkvRows], noise(LAYER_NOISE));
    add(`blk.${b}.attn_qkv.bias`, [qkvRows], noise(LAYER_NOISE));
    add(`blk.${b}.attn_output.weight`, [h.embedding, h.embedding], noise(LAYER_NOISE));
    add(`blk.${b}.ffn_norm.weight`, [h.embedding], () => 1);
    add(`blk.${b}.ffn_up.weight`, [h.embedding, 2 * h.feedForward], noise(LAYER_NOISE));
    add(`blk.${b}.ffn_down.weight`, [h.feedForward, h.embedding], noise(LAYER_NOISE));
  }

  const metadata: Record<string, GgufValue> = {
    'general.architecture': gv.str('chatglm'),
    'general.name': gv.str(TINY_MODEL_NAME),
    'general.description': gv.str('Random-weight demo model with the CharacterGLM-6B architecture; says nothing meaningful.'),
    'general.license': gv.str('MIT'),
    'general.file_type': gv.u32(0),
    ...chatGlm2HparamKeys({ ...h, ropeDim: headDim / 2 }),
    ...chatGlm2TokenizerKeys(
      { tokens: vocab.map((t) => t.text), scores: vocab.map((t) => t.score), types: vocab.map((t) => t.type) },
      { bos: 1, eos: 2, unk: 0, pad: 0 },
    ),
  };
  return { metadata, tensors };
}
