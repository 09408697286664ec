import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { inspectCheckpoint } from '../electron/services/models/checkpoint/checkpoint-folder';
import { writeChatGlm2Gguf } from '../electron/services/models/checkpoint/write-chatglm2-gguf';
import { tinyConfig, tinyTokenizerModel } from '../models/tiny-checkpoint/tiny-checkpoint';
import { writeSafetensorsFile, type SafetensorsTensorSource } from '../electron/services/models/checkpoint/safetensors-file';

// Conversion speed and peak memory on a CharacterGLM-6B-shaped bf16 safetensors checkpoint (real
// tensor shapes: hidden 4096, FFN 13696 fused, vocab 65024, 2 KV heads; --layers of the 28). Prints
// JSON. The reference in the same run is `cp` of the same weights: the disk's own ceiling, since
// llama.cpp's converter is Python and cannot run here. The checkpoint is deleted afterwards.

const { values } = parseArgs({ options: { layers: { type: 'string', default: '8' }, dir: { type: 'string' } } });
const layers = Number(values.layers);
const root = values.dir ?? join(tmpdir(), `studio-convert-bench-${process.pid}`);
const H = 4096, FF = 13696, V = 65024, KV = 2, HD = 128;
const CHUNK = 16 * 1024 * 1024;

function* randomBf16(count: number): Iterable<Uint8Array> {
  for (let left = count * 2; left > 0; left -= CHUNK) {
    const bytes = randomFillSync(new Uint8Array(Math.min(CHUNK, left)));
    const words = new Uint16Array(bytes.buffer);
    for (let i = 0; i < words.length; i++) words[i] = (words[i]! & 0x807f) | 0x3c00; // |x| in [2^-7, 2^-6)
    yield bytes;
  }
}

const tensor = (name: string, shape: number[]): SafetensorsTensorSource => ({ name, dtype: 'BF16', shape, data: () => randomBf16(shape.reduce((a, b) => a * b, 1)) });

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
try {
  const dir = join(root, 'ckpt');
  await mkdir(dir, { recursive: true });
  const config = { ...tinyConfig('bench/CharacterGLM-6B-shaped'), hidden_size: H, num_layers: layers, num_attention_heads: 32, kv_channels: HD, multi_query_group_num: KV, ffn_hidden_size: FF, padded_vocab_size: V, seq_length: 8192 };
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  await writeFile(join(dir, 'tokenizer.model'), tinyTokenizerModel());
  const list: SafetensorsTensorSource[] = [tensor('transformer.embedding.word_embeddings.weight', [V, H])];
  for (let b = 0; b < layers; b++) {
    const p = `transformer.encoder.layers.${b}`;
    list.push(tensor(`${p}.input_layernorm.weight`, [H]), tensor(`${p}.self_attention.query_key_value.weight`, [H + 2 * KV * HD, H]),
      tensor(`${p}.self_attention.query_key_value.bias`, [H + 2 * KV * HD]), tensor(`${p}.self_attention.dense.weight`, [H, H]),
      tensor(`${p}.post_attention_layernorm.weight`, [H]), tensor(`${p}.mlp.dense_h_to_4h.weight`, [2 * FF, H]), tensor(`${p}.mlp.dense_4h_to_h.weight`, [H, FF]));
  }
  list.push(tensor('transformer.encoder.final_layernorm.weight', [H]), tensor('transformer.output_layer.weight', [V, H]));
  await writeSafetensorsFile(join(dir, 'model.safetensors'), list);
  const sourceBytes = (await stat(join(dir, 'model.safetensors'))).size;
  const baseRss = process.memoryUsage().rss;

  const copyStart = performance.now();
  spawnSync('cp', [join(dir, 'model.safetensors'), join(root, 'copy.bin')]);
  spawnSync('sync');
  const copySeconds = (performance.now() - copyStart) / 1000;
  await rm(join(root, 'copy.bin'));

  const runs: Record<string, unknown> = {};
  for (const weightType of ['BF16', 'F16'] as const) {
    peakRss = process.memoryUsage().rss;
    const start = performance.now();
    const ins = await inspectCheckpoint(dir);
    await writeChatGlm2Gguf(ins, join(root, `out-${weightType}.gguf`), weightType);
    const seconds = (performance.now() - start) / 1000;
    runs[weightType] = { seconds: +seconds.toFixed(2), mbPerSecond: +(sourceBytes / 1e6 / seconds).toFixed(1), peakRssMiB: Math.round(peakRss / 2 ** 20), ratioToCp: +(copySeconds / seconds).toFixed(2) };
    await rm(join(root, `out-${weightType}.gguf`));
  }
  process.stdout.write(`${JSON.stringify({
    benchmark: 'checkpoint-conversion', shape: { layers, hidden: H, ffn: FF, vocab: V }, sourceBytes,
    baselineRssMiB: Math.round(baseRss / 2 ** 20), largestTensorMiB: Math.round((V * H * 2) / 2 ** 20),
    reference: { tool: 'cp', seconds: +copySeconds.toFixed(2), mbPerSecond: +(sourceBytes / 1e6 / copySeconds).toFixed(1) },
    convert: runs,
  }, null, 2)}\n`);
} finally {
  clearInterval(sampler);
  await rm(root, { recursive: true, force: true });
}
