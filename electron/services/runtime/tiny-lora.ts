import { TINY_HPARAMS } from '../../../models/tiny-model/tiny-model';
import { gv, type GgufValue } from '../../../shared/gguf/types';
import { seededNormal } from '../../../shared/random/seeded';
import { writeGgufFile, type GgufTensorSource } from '../models/gguf-file-writer';

/**
 * Writes a random LoRA adapter for the tiny demo model (rank 4 on every block's qkv and output
 * projections) in llama.cpp's GGUF adapter layout (DESIGN.md §4). Tests and the compare journey use it to
 * run base and adapter side by side before the trainer exists on a machine; its replies differ from the
 * base model's, which is all a random adapter can promise.
 */
export async function writeTinyLora(target: string, seed = 7, rank = 4, std = 0.5): Promise<void> {
  const h = TINY_HPARAMS;
  const headDim = h.embedding / h.heads;
  const qkvRows = h.embedding + 2 * h.kvHeads * headDim;
  const normal = seededNormal(seed);
  const tensors: GgufTensorSource[] = [];
  const add = (name: string, dims: number[]): void => {
    const data = new Float32Array(dims[0]! * dims[1]!);
    for (let i = 0; i < data.length; i++) data[i] = normal() * std;
    tensors.push({ info: { name, dims, type: 'F32' }, bytes: () => new Uint8Array(data.buffer) });
  };
  for (let b = 0; b < h.blocks; b++) {
    for (const [base, nIn, nOut] of [[`blk.${b}.attn_qkv.weight`, h.embedding, qkvRows], [`blk.${b}.attn_output.weight`, h.embedding, h.embedding]] as const) {
      add(`${base}.lora_a`, [nIn, rank]);
      add(`${base}.lora_b`, [rank, nOut]);
    }
  }
  const metadata: Record<string, GgufValue> = {
    'general.architecture': gv.str('chatglm'),
    'general.type': gv.str('adapter'),
    'general.name': gv.str('tiny-random-lora'),
    'adapter.type': gv.str('lora'),
    'adapter.lora.alpha': gv.f32(rank),
  };
  await writeGgufFile(target, metadata, tensors);
}
