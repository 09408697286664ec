import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

// The sha256 of a base model file: recorded with every adapter, and compared before an adapter is used.
// Hashing a 4 GB file takes seconds, so results are remembered per file size and modification time.

const cache = new Map<string, string>();

/** sha256 (hex) of the file at `path`. */
export async function modelSha256(path: string): Promise<string> {
  const info = await stat(path);
  const key = `${path}\0${info.size}\0${info.mtimeMs}`;
  const known = cache.get(key);
  if (known) return known;
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(path, { highWaterMark: 4 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .once('error', reject)
      .once('end', () => resolve());
  });
  const digest = hash.digest('hex');
  cache.set(key, digest);
  return digest;
}
