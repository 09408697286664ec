import { open } from 'node:fs/promises';
import type { SourceTensor } from '../../../../shared/models/chatglm2-tensor-plan';

/** A tensor inside a checkpoint file: its contiguous bytes lie in [start, end) of `file`. */
export interface CheckpointTensor extends SourceTensor {
  file: string;
  start: number;
  end: number;
}

/** Slice size for streaming reads: large enough for full disk speed, small next to any weight. */
export const READ_CHUNK_BYTES = 16 * 1024 * 1024;

/** Streams a tensor's bytes in slices, so converting never holds a whole tensor. */
export async function* readTensorChunks(tensor: CheckpointTensor, chunkBytes = READ_CHUNK_BYTES): AsyncIterable<Uint8Array> {
  const handle = await open(tensor.file, 'r');
  try {
    for (let at = tensor.start; at < tensor.end; ) {
      const length = Math.min(chunkBytes, tensor.end - at);
      const buffer = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, at + filled);
        if (bytesRead === 0) throw new Error(`${tensor.file}: truncated inside tensor "${tensor.name}" (the file changed or was cut short)`);
        filled += bytesRead;
      }
      at += length;
      yield buffer;
    }
  } finally {
    await handle.close();
  }
}
