import { encodeGgufHeader, ggufPadding } from '../../../shared/gguf/encode';
import { ggmlTensorBytes, type GgufTensorInfo, type GgufValue } from '../../../shared/gguf/types';
import { writeAtomicWith } from '../fs/atomic-write';

/**
 * One tensor's bytes, produced on demand so a writer holds about one tensor in memory — or, with
 * `chunks`, only one slice of it (checkpoint conversion streams multi-hundred-megabyte tensors).
 */
export type GgufTensorSource =
  | { info: GgufTensorInfo; bytes: () => Promise<Uint8Array> | Uint8Array }
  | { info: GgufTensorInfo; chunks: () => AsyncIterable<Uint8Array> };

/** Options for long writes: progress per written slice and cancellation. */
export interface GgufWriteOptions {
  onTensor?: (index: number, info: GgufTensorInfo) => void;
  onBytes?: (written: number) => void;
  signal?: AbortSignal;
}

/** Writes a GGUF file atomically, pulling tensor data one tensor at a time in header order. */
export async function writeGgufFile(
  target: string,
  metadata: Record<string, GgufValue>,
  tensors: readonly GgufTensorSource[],
  opts: GgufWriteOptions = {},
): Promise<void> {
  const layout = encodeGgufHeader(metadata, tensors.map((t) => t.info));
  await writeAtomicWith(target, async (handle) => {
    await handle.write(layout.header);
    for (const [index, tensor] of tensors.entries()) {
      const expected = ggmlTensorBytes(tensor.info);
      let written = 0;
      const put = async (data: Uint8Array): Promise<void> => {
        opts.signal?.throwIfAborted();
        written += data.byteLength;
        if (written > expected) throw new Error(`tensor ${tensor.info.name}: got more than the expected ${expected} bytes`);
        await handle.write(data);
        opts.onBytes?.(data.byteLength);
      };
      if ('chunks' in tensor) for await (const chunk of tensor.chunks()) await put(chunk);
      else await put(await tensor.bytes());
      if (written !== expected) throw new Error(`tensor ${tensor.info.name}: got ${written} bytes, expected ${expected}`);
      const pad = ggufPadding(written);
      if (pad > 0) await handle.write(new Uint8Array(pad));
      opts.onTensor?.(index, tensor.info);
    }
  });
}
