import { buildTinyModel } from '../../../models/tiny-model/tiny-model';
import { writeGgufFile } from './gguf-file-writer';

/** Writes the deterministic tiny `chatglm` demo model to `target` (about 6 MB). */
export async function writeTinyModel(target: string, seed?: number): Promise<void> {
  const model = buildTinyModel(seed);
  await writeGgufFile(
    target,
    model.metadata,
    model.tensors.map((t) => ({ info: t.info, bytes: () => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength) })),
  );
}
