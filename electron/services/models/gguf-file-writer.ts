import { encodeGgufHeader, ggufPadding } from '../../../shared/gguf/encode';
import { ggmlTensorBytes, type GgufTensorInfo, type GgufValue } from '../../../shared/gguf/types';
import { writeAtomicWith } from '../fs/atomic-write';

/** One tensor's bytes, produced on demand so a writer holds about one tensor in memory. */
export interface GgufTensorSource {
  info: GgufTensorInfo;
  bytes: () => Promise<Uint8Array> | Uint8Array;
}

/** Writes a GGUF file atomically, pulling tensor data one tensor at a time in header order. */
export async function writeGgufFile(
  target: string,
  metadata: Record<string, GgufValue>,
  tensors: readonly GgufTensorSource[],
  onTensor?: (index: number, info: GgufTensorInfo) => void,
): Promise<void> {
  const layout = encodeGgufHeader(metadata, tensors.map((t) => t.info));
  await writeAtomicWith(target, async (handle) => {
    await handle.write(layout.header);
    for (const [index, tensor] of tensors.entries()) {
      const data = await tensor.bytes();
      const expected = ggmlTensorBytes(tensor.info);
      if (data.byteLength !== expected) {
        throw new Error(`tensor ${tensor.info.name}: got ${data.byteLength} bytes, expected ${expected}`);
      }
      await handle.write(data);
      const pad = ggufPadding(data.byteLength);
      if (pad > 0) await handle.write(new Uint8Array(pad));
      onTensor?.(index, tensor.info);
    }
  });
}
