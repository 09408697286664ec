import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tinyVocabulary } from '../../../models/tiny-model/vocab';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../../../shared/prompt/sampling-defaults';
import { gv } from '../../../shared/gguf/types';
import { seededNormal } from '../../../shared/random/seeded';
import { useTempDir } from '../../test-support/temp-dir';
import { writeGgufFile, type GgufTensorSource } from '../models/gguf-file-writer';
import { ChatEngine } from './chat-engine';
import { LlamaRuntime } from './llama-runtime';
import { modelInfoForFile } from './model-file-info';
import { TEST_THREADS } from './test-runtime';

const tempDir = useTempDir();
let runtime: LlamaRuntime | null = null;
afterEach(async () => {
  await runtime?.dispose();
  runtime = null;
});

/** A tiny random `llama`-architecture model with a ChatML template: "any other GGUF chat model". */
async function writeTinyLlama(path: string): Promise<void> {
  const vocab = tinyVocabulary();
  const n = { embd: 64, ff: 128, heads: 4, kv: 2, blocks: 2 };
  const headDim = n.embd / n.heads;
  const normal = seededNormal(5);
  const tensors: GgufTensorSource[] = [];
  const add = (name: string, dims: number[], fill: () => number): void => {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1)).map(fill);
    tensors.push({ info: { name, dims, type: 'F32' }, bytes: () => new Uint8Array(data.buffer) });
  };
  const w = (): number => normal() * 0.05;
  add('token_embd.weight', [n.embd, vocab.length], w);
  add('output_norm.weight', [n.embd], () => 1);
  add('output.weight', [n.embd, vocab.length], w);
  for (let b = 0; b < n.blocks; b++) {
    add(`blk.${b}.attn_norm.weight`, [n.embd], () => 1);
    add(`blk.${b}.attn_q.weight`, [n.embd, n.embd], w);
    add(`blk.${b}.attn_k.weight`, [n.embd, n.kv * headDim], w);
    add(`blk.${b}.attn_v.weight`, [n.embd, n.kv * headDim], w);
    add(`blk.${b}.attn_output.weight`, [n.embd, n.embd], w);
    add(`blk.${b}.ffn_norm.weight`, [n.embd], () => 1);
    add(`blk.${b}.ffn_gate.weight`, [n.embd, n.ff], w);
    add(`blk.${b}.ffn_up.weight`, [n.embd, n.ff], w);
    add(`blk.${b}.ffn_down.weight`, [n.ff, n.embd], w);
  }
  const template = "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";
  await writeGgufFile(path, {
    'general.architecture': gv.str('llama'),
    'general.name': gv.str('tiny-llama-chatml'),
    'llama.context_length': gv.u32(2048),
    'llama.embedding_length': gv.u32(n.embd),
    'llama.feed_forward_length': gv.u32(n.ff),
    'llama.block_count': gv.u32(n.blocks),
    'llama.attention.head_count': gv.u32(n.heads),
    'llama.attention.head_count_kv': gv.u32(n.kv),
    'llama.attention.layer_norm_rms_epsilon': gv.f32(1e-5),
    'llama.rope.dimension_count': gv.u32(headDim),
    'tokenizer.ggml.model': gv.str('llama'),
    'tokenizer.ggml.tokens': gv.strings(vocab.map((t) => t.text)),
    'tokenizer.ggml.scores': gv.f32s(vocab.map((t) => t.score)),
    'tokenizer.ggml.token_type': gv.i32s(vocab.map((t) => t.type)),
    'tokenizer.ggml.bos_token_id': gv.u32(1),
    'tokenizer.ggml.eos_token_id': gv.u32(2),
    'tokenizer.chat_template': gv.str(template),
  }, tensors);
}

describe('TemplatePromptFormat (any non-CharacterGLM GGUF)', () => {
  it("chats through the model's own template, with the profile as the system message and the KV cache reused", async () => {
    const path = join(await tempDir(), 'tiny-llama.gguf');
    await writeTinyLlama(path);
    runtime = new LlamaRuntime(async () => ({ gpu: 'off', threads: TEST_THREADS }));
    await runtime.load(await modelInfoForFile(path));
    const engine = new ChatEngine(runtime, { contextSize: 1024 });
    const meta = { botName: 'Mira', userName: 'Ensign', botInfo: 'A starship captain.', userInfo: '' };
    const sampler = { ...CHARACTERGLM_SAMPLER_DEFAULTS, maxTokens: 6, seed: 1, banEos: true };
    const base = { session: 'c', kvFile: null, meta, keepFirst: 0, partial: '', sampler, adapter: null };
    const turns = [{ speaker: 'user' as const, text: 'hello there' }];
    const preview = await engine.preview({ ...base, turns });
    expect(preview.text).toContain('<|im_start|>system\n以下是一段Mira和Ensign之间的对话。\n关于Mira的信息：A starship captain.<|im_end|>');
    expect(preview.text).toContain('<|im_start|>user\nhello there<|im_end|>');
    expect(preview.text.endsWith('<|im_start|>assistant\n')).toBe(true);
    const first = await engine.reply({ ...base, turns }, () => undefined, new AbortController().signal);
    expect(first.stats.generatedTokens).toBeGreaterThan(0);
    const next = await engine.reply(
      { ...base, turns: [...turns, { speaker: 'character', text: first.text }, { speaker: 'user', text: 'and then?' }] },
      () => undefined,
      new AbortController().signal,
    );
    expect(next.stats.reusedTokens).toBeGreaterThan(preview.tokens / 2);
    await engine.dispose();
  });
});
