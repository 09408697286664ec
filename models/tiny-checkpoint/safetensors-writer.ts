import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

// Writes `.safetensors` files for test and benchmark checkpoints, streaming each tensor's data so a
// multi-gigabyte file never sits in memory.

/** A tensor to write; `data` yields its little-endian bytes. */
export interface TensorToWrite {
  name: string;
  dtype: 'BF16' | 'F16' | 'F32';
  shape: number[];
  data: () => Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
}

const BYTES = { BF16: 2, F16: 2, F32: 4 } as const;

/** Writes one safetensors file (header padded to 8 bytes, as the reference writer does). */
export async function writeSafetensors(path: string, tensors: readonly TensorToWrite[]): Promise<void> {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const t of tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1) * BYTES[t.dtype];
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const out = createWriteStream(path);
  const write = async (chunk: Uint8Array): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const length = new Uint8Array(8);
  new DataView(length.buffer).setBigUint64(0, BigInt(Buffer.byteLength(json)), true);
  await write(length);
  await write(Buffer.from(json));
  for (const t of tensors) for await (const chunk of t.data()) await write(chunk);
  out.end();
  await once(out, 'close');
}
