import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { safeModelFileName } from '../../../shared/models/download-source';
import { TransferRate } from '../../../shared/models/transfer-rate';
import { writeAtomicWith } from '../fs/atomic-write';
import { ensureFreeSpace } from './disk-space';
import { inspectGguf, type GgufSummary } from './gguf-inspect';

// Imports a GGUF that is already on the machine running the studio: checked (regular file, GGUF header,
// not truncated) before anything is registered, then copied into the models folder with its sha256, or
// registered where it lies. In serve mode the path is on the server: GGUFs are gigabytes and are never
// uploaded through the browser.

/** Progress of a copy. */
export interface CopyProgress {
  done: number;
  total: number;
  bytesPerSecond: number;
  etaSeconds: number | null;
}

/** Checks a path a user typed; returns the header summary. Throws naming the problem. */
export async function checkImportPath(path: string): Promise<GgufSummary> {
  if (!isAbsolute(path)) throw new StudioError('invalid_input', `"${path}" is not an absolute path on the machine running the studio`);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new StudioError('not_found', `${path}: no such file on the machine running the studio`);
  }
  if (info.isDirectory()) throw new StudioError('invalid_input', `${path} is a folder; to convert a hub checkpoint folder use Convert`);
  if (!info.isFile()) throw new StudioError('invalid_input', `${path} is not a regular file`);
  return inspectGguf(path);
}

/** Copies `source` into `modelsDir` atomically, hashing as it goes. */
export async function copyIntoModels(
  source: string,
  modelsDir: string,
  options: { signal?: AbortSignal; onProgress?: (p: CopyProgress) => void } = {},
): Promise<{ file: string; sha256: string }> {
  const file = safeModelFileName(basename(source));
  const target = join(modelsDir, file);
  if (existsSync(target)) throw new StudioError('conflict', `${file} already exists in the models folder`);
  const total = (await stat(source)).size;
  await ensureFreeSpace(modelsDir, total, `copying ${file}`);
  const hash = createHash('sha256');
  const rate = new TransferRate();
  let done = 0;
  let last = 0;
  await writeAtomicWith(target, async (handle) => {
    for await (const chunk of createReadStream(source, { highWaterMark: 4 * 1024 * 1024, signal: options.signal })) {
      await handle.write(chunk as Buffer);
      hash.update(chunk as Buffer);
      done += (chunk as Buffer).byteLength;
      const now = Date.now();
      rate.add(now, done);
      if (now - last > 250 || done === total) {
        last = now;
        options.onProgress?.({ done, total, bytesPerSecond: rate.bytesPerSecond(), etaSeconds: rate.etaSeconds(total - done) });
      }
    }
  }).catch((error: unknown) => {
    if (options.signal?.aborted) throw new StudioError('cancelled', `import of ${file} cancelled; nothing was kept`);
    throw error;
  });
  return { file, sha256: hash.digest('hex') };
}
