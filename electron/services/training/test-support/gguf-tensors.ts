import { readGgufFileInfo } from 'node-llama-cpp';
import { open } from 'node:fs/promises';

/** The F32 tensors of a GGUF file (e.g. a LoRA adapter) by name, with the file's metadata. */
export async function readF32Tensors(path: string): Promise<{ metadata: Record<string, unknown>; tensors: Map<string, { dims: number[]; data: Float32Array }> }> {
  const info = await readGgufFileInfo(path, { readTensorInfo: true });
  const handle = await open(path, 'r');
  const tensors = new Map<string, { dims: number[]; data: Float32Array }>();
  try {
    for (const t of info.tensorInfo ?? []) {
      const dims = t.dimensions.map(Number);
      const count = dims.reduce((a, b) => a * b, 1);
      const bytes = Buffer.alloc(count * 4);
      await handle.read(bytes, 0, bytes.length, Number(t.fileOffset));
      tensors.set(t.name, { dims, data: new Float32Array(bytes.buffer, bytes.byteOffset, count) });
    }
  } finally {
    await handle.close();
  }
  return { metadata: info.metadata as unknown as Record<string, unknown>, tensors };
}
