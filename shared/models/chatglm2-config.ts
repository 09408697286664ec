import { z } from 'zod';

// ChatGLM2-family hub checkpoints (ChatGLM2-6B, CharacterGLM-6B, ChatGLM3-6B): reads config.json and
// derives the llama.cpp `chatglm` hyper-parameters, refusing checkpoints whose architecture llama.cpp's
// `chatglm` graph would silently compute wrongly.

const configSchema = z.object({
  model_type: z.string().optional(),
  architectures: z.array(z.string()).optional(),
  _name_or_path: z.string().optional(),
  hidden_size: z.number().int().positive(),
  num_layers: z.number().int().positive(),
  num_attention_heads: z.number().int().positive(),
  kv_channels: z.number().int().positive().optional(),
  multi_query_attention: z.boolean().optional(),
  multi_query_group_num: z.number().int().positive().optional(),
  ffn_hidden_size: z.number().int().positive(),
  padded_vocab_size: z.number().int().positive(),
  seq_length: z.number().int().positive(),
  layernorm_epsilon: z.number().positive().optional(),
  rmsnorm: z.boolean().optional(),
  add_qkv_bias: z.boolean().optional(),
  add_bias_linear: z.boolean().optional(),
  post_layer_norm: z.boolean().optional(),
  rope_ratio: z.number().positive().optional(),
  torch_dtype: z.string().optional(),
  pad_token_id: z.number().int().nonnegative().optional(),
  eos_token_id: z.union([z.number().int(), z.array(z.number().int())]).optional(),
}).loose();

/** The hyper-parameters a `chatglm` GGUF needs. */
export interface ChatGlm2Hparams {
  name: string;
  embedding: number;
  blocks: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  feedForward: number;
  vocabSize: number;
  contextLength: number;
  rmsEps: number;
  ropeDim: number;
  ropeFreqBase: number;
  padTokenId: number;
}

const ARCHITECTURES = new Set(['ChatGLMModel', 'ChatGLMForConditionalGeneration']);

/** Parses config.json text; errors name the field (the caller prefixes the file name). */
export function parseChatGlm2Config(text: string, folderName: string): ChatGlm2Hparams {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const kind = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const architectures = Array.isArray(kind.architectures) ? (kind.architectures as unknown[]).map(String) : [];
  if (kind.model_type !== 'chatglm' && !architectures.some((a) => ARCHITECTURES.has(a))) {
    const named = String(kind.model_type ?? architectures[0] ?? 'none given');
    throw new Error(`unknown architecture "${named}": the studio converts ChatGLM2-family checkpoints (model_type "chatglm"), such as CharacterGLM-6B`);
  }
  if ('position_encoding_2d' in kind || 'inner_hidden_size' in kind) {
    throw new Error('this is a first-generation ChatGLM-6B checkpoint (2-D position encoding), which llama.cpp cannot run; CharacterGLM-6B is ChatGLM2-shaped');
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`field "${issue.path.join('.')}": ${issue.message}`);
  }
  const c = parsed.data;
  const refuse = (field: string, why: string): never => {
    throw new Error(`field "${field}": ${why}; llama.cpp's chatglm architecture cannot run this checkpoint`);
  };
  if (c.rmsnorm === false) refuse('rmsnorm', 'LayerNorm instead of RMSNorm');
  if (c.add_qkv_bias === false) refuse('add_qkv_bias', 'no query/key/value bias');
  if (c.add_bias_linear === true) refuse('add_bias_linear', 'biases on every linear layer');
  if (c.post_layer_norm === false) refuse('post_layer_norm', 'no final layer norm');
  const headDim = c.hidden_size / c.num_attention_heads;
  if (!Number.isInteger(headDim)) refuse('num_attention_heads', `hidden_size ${c.hidden_size} is not a multiple of it`);
  if (c.kv_channels !== undefined && c.kv_channels !== headDim) refuse('kv_channels', `${c.kv_channels} differs from hidden_size / num_attention_heads (${headDim})`);
  const kvHeads = c.multi_query_attention === false ? c.num_attention_heads : c.multi_query_group_num ?? c.num_attention_heads;
  if (c.num_attention_heads % kvHeads !== 0) refuse('multi_query_group_num', `${kvHeads} does not divide ${c.num_attention_heads} heads`);
  return {
    name: (c._name_or_path?.split('/').pop() || folderName).trim() || folderName,
    embedding: c.hidden_size,
    blocks: c.num_layers,
    heads: c.num_attention_heads,
    kvHeads,
    headDim,
    feedForward: c.ffn_hidden_size,
    vocabSize: c.padded_vocab_size,
    contextLength: c.seq_length,
    rmsEps: c.layernorm_epsilon ?? 1e-5,
    // ChatGLM2 rotates half of each head (its "original_rope" path), in interleaved pairs: llama.cpp's
    // normal rope over the first head_dim/2 dimensions.
    ropeDim: headDim / 2,
    ropeFreqBase: 10000 * (c.rope_ratio ?? 1),
    padTokenId: c.pad_token_id ?? 0,
  };
}
