import { chatGlm2Metadata, FILE_TYPE } from '../../../../shared/models/chatglm2-gguf-metadata';
import { planChatGlm2Tensors, type PlannedTensor, type SourceDtype, type WeightType } from '../../../../shared/models/chatglm2-tensor-plan';
import { bf16ToF16, f32ToF16Bytes, halfToF32Bytes } from '../../../../shared/gguf/half-float';
import { ggmlTensorBytes } from '../../../../shared/gguf/types';
import { writeGgufFile, type GgufTensorSource } from '../gguf-file-writer';
import type { CheckpointInspection } from './checkpoint-folder';
import { readTensorChunks, type CheckpointTensor } from './checkpoint-tensor';

// Streams a checked checkpoint into an unquantised `chatglm` GGUF, one slice of one tensor at a time:
// memory stays near one read slice however large the tensors are.

/** Progress while writing: bytes of tensor data written out of the total. */
export interface WriteProgress {
  written: number;
  total: number;
  tensor: string;
  index: number;
  count: number;
}

function convertSlice(chunk: Uint8Array, from: SourceDtype, to: PlannedTensor['type'], overflow: { count: number }): Uint8Array {
  if (from === to) return chunk;
  if (to === 'F32' && from !== 'F32') return halfToF32Bytes(chunk, from);
  if (to === 'F16' && from === 'BF16') {
    const out = new Uint8Array(chunk.byteLength);
    overflow.count += bf16ToF16(chunk, out);
    return out;
  }
  if (to === 'F16' && from === 'F32') return f32ToF16Bytes(chunk);
  throw new Error(`cannot store ${from} weights as ${to}`);
}

/** The storage type for 2-D weights that loses nothing before quantisation. */
export function losslessWeightType(ins: CheckpointInspection): WeightType {
  return ins.tensors.every((t) => t.shape.length < 2 || t.dtype === 'BF16') ? 'BF16' : 'F16';
}

/** The planned output size in bytes (for the free-disk check). */
export function plannedGgufBytes(ins: CheckpointInspection, weightType: WeightType): number {
  return planChatGlm2Tensors(ins.hparams, ins.tensors, weightType).reduce((sum, t) => sum + ggmlTensorBytes(t), 0);
}

/** Writes the GGUF atomically; resolves with how many bf16 values overflowed f16 (0 unless F16). */
export async function writeChatGlm2Gguf(
  ins: CheckpointInspection,
  target: string,
  weightType: WeightType,
  options: { onProgress?: (p: WriteProgress) => void; signal?: AbortSignal; licence?: string } = {},
): Promise<{ overflow: number }> {
  const plan = planChatGlm2Tensors(ins.hparams, ins.tensors, weightType);
  const metadata = chatGlm2Metadata(ins.hparams, ins.tokenizer, {
    fileType: FILE_TYPE[weightType],
    ...(options.licence ? { licence: options.licence } : {}),
  });
  const byName = new Map<string, CheckpointTensor>(ins.tensors.map((t) => [t.name, t]));
  const overflow = { count: 0 };
  const total = plan.reduce((sum, t) => sum + ggmlTensorBytes(t), 0);
  let written = 0;
  let current = 0;
  const sources: GgufTensorSource[] = plan.map((t) => ({
    info: { name: t.name, dims: t.dims, type: t.type },
    chunks: async function* () {
      for await (const chunk of readTensorChunks(byName.get(t.source)!)) yield convertSlice(chunk, t.sourceDtype, t.type, overflow);
    },
  }));
  await writeGgufFile(target, metadata, sources, {
    signal: options.signal,
    onBytes: (n) => {
      written += n;
      options.onProgress?.({ written, total, tensor: plan[current]!.name, index: current, count: plan.length });
    },
    onTensor: (index) => {
      current = index + 1;
    },
  });
  return { overflow: overflow.count };
}
