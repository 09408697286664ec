import { gv, type GgufValue } from '../gguf/types';
import type { ChatGlm2Hparams } from './chatglm2-config';
import { PieceType, type SentencePieceModel } from './sentencepiece-model';

// The GGUF metadata of a converted ChatGLM2-family model: hyper-parameters and the SentencePiece
// vocabulary as llama.cpp's `llama` (SPM) tokenizer reads it.

/** ChatGLM2's own special tokens, appended after the SentencePiece pieces in this order. */
export const CHATGLM2_SPECIAL_TOKENS = ['[MASK]', '[gMASK]', '[sMASK]', 'sop', 'eop'] as const;

/** GGUF `general.file_type` values (llama_ftype). */
export const FILE_TYPE = { F32: 0, F16: 1, BF16: 32 } as const;

/** The vocabulary as GGUF arrays, padded to the embedding's row count. */
export interface GgufVocabulary {
  tokens: string[];
  scores: number[];
  types: number[];
}

/** SentencePiece pieces, then ChatGLM2's specials as control tokens, then unused padding. */
export function buildChatGlm2Vocabulary(sp: SentencePieceModel, paddedSize: number): GgufVocabulary {
  const tokens = sp.pieces.map((p) => p.piece);
  const scores = sp.pieces.map((p) => p.score);
  const types = sp.pieces.map((p) => p.type);
  for (const special of CHATGLM2_SPECIAL_TOKENS) {
    tokens.push(special);
    scores.push(0);
    types.push(PieceType.control);
  }
  if (tokens.length > paddedSize) {
    throw new Error(`tokenizer.model has ${sp.pieces.length} pieces (+${CHATGLM2_SPECIAL_TOKENS.length} special tokens) but config.json's padded_vocab_size is ${paddedSize}`);
  }
  for (let id = tokens.length; id < paddedSize; id++) {
    tokens.push(`[PAD${id}]`);
    scores.push(0);
    types.push(PieceType.unused);
  }
  return { tokens, scores, types };
}

/** The `chatglm.*` hyper-parameters llama.cpp builds the graph from (converted, demo and benchmark models alike). */
export function chatGlm2HparamKeys(
  h: Pick<ChatGlm2Hparams, 'contextLength' | 'embedding' | 'feedForward' | 'blocks' | 'heads' | 'kvHeads' | 'rmsEps' | 'ropeDim' | 'ropeFreqBase'>,
): Record<string, GgufValue> {
  return {
    'chatglm.context_length': gv.u32(h.contextLength),
    'chatglm.embedding_length': gv.u32(h.embedding),
    'chatglm.feed_forward_length': gv.u32(h.feedForward),
    'chatglm.block_count': gv.u32(h.blocks),
    'chatglm.attention.head_count': gv.u32(h.heads),
    'chatglm.attention.head_count_kv': gv.u32(h.kvHeads),
    'chatglm.attention.layer_norm_rms_epsilon': gv.f32(h.rmsEps),
    'chatglm.rope.dimension_count': gv.u32(h.ropeDim),
    'chatglm.rope.freq_base': gv.f32(h.ropeFreqBase),
  };
}

/** The `tokenizer.*` keys of llama.cpp's SPM (`llama`) tokenizer as ChatGLM2 uses it. */
export function chatGlm2TokenizerKeys(vocab: GgufVocabulary, ids: { bos: number; eos: number; unk: number; pad: number }): Record<string, GgufValue> {
  return {
    'tokenizer.ggml.model': gv.str('llama'),
    'tokenizer.ggml.tokens': gv.strings(vocab.tokens),
    'tokenizer.ggml.scores': gv.f32s(vocab.scores),
    'tokenizer.ggml.token_type': gv.i32s(vocab.types),
    'tokenizer.ggml.bos_token_id': gv.u32(ids.bos),
    'tokenizer.ggml.eos_token_id': gv.u32(ids.eos),
    'tokenizer.ggml.unknown_token_id': gv.u32(ids.unk),
    'tokenizer.ggml.padding_token_id': gv.u32(ids.pad),
    // ChatGLM2 prefixes [gMASK] sop itself; llama.cpp must not add <s>.
    'tokenizer.ggml.add_bos_token': gv.bool(false),
    'tokenizer.ggml.add_eos_token': gv.bool(false),
  };
}

/** Everything but the tensors: what llama.cpp reads to build the model and its tokenizer. */
export function chatGlm2Metadata(
  h: ChatGlm2Hparams,
  sp: SentencePieceModel,
  options: { fileType: number; licence?: string },
): Record<string, GgufValue> {
  const vocab = buildChatGlm2Vocabulary(sp, h.vocabSize);
  return {
    'general.architecture': gv.str('chatglm'),
    'general.name': gv.str(h.name),
    ...(options.licence ? { 'general.license': gv.str(options.licence) } : {}),
    'general.file_type': gv.u32(options.fileType),
    ...chatGlm2HparamKeys(h),
    ...chatGlm2TokenizerKeys(vocab, { bos: sp.bosId, eos: sp.eosId, unk: sp.unkId, pad: h.padTokenId }),
    'tokenizer.ggml.add_space_prefix': gv.bool(sp.addDummyPrefix),
    'tokenizer.ggml.remove_extra_whitespaces': gv.bool(sp.removeExtraWhitespaces),
  };
}
