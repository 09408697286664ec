import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';

const SAMPLE = 1 << 20;

/**
 * A quick identity of a model file for keying saved KV states: size plus sha256 of its first and last MiB
 * (the GGUF header with every tensor's name and offset, and the last weights). Hashing a 3 GB file in full
 * on every load would cost seconds; a state loaded into a different model can crash llama.cpp, and any
 * re-quantisation or conversion changes the header, so this is enough to tell models apart.
 */
export async function modelFingerprint(path: string): Promise<string> {
  const { size } = await stat(path);
  const hash = createHash('sha256').update(`size:${size}\n`);
  const handle = await open(path, 'r');
  try {
    for (const position of size > 2 * SAMPLE ? [0, size - SAMPLE] : [0]) {
      const buffer = Buffer.alloc(Math.min(SAMPLE, size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex').slice(0, 32);
}
