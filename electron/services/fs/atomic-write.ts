import { randomBytes } from 'node:crypto';
import { open, rename, rm, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { namingFile, shortFileLabel } from './file-error';
import { writeAll } from './write-all';

// Every file the studio writes goes through here: temp file beside the target, fsync, rename, fsync of
// the folder. A crash at any instant leaves either the old file or the new one, never a torn one. A
// failure at any step names the target (`abc/chats/c1.jsonl: the disk is full (ENOSPC)`).

/** The temp name used for `target`; dot-prefixed so listings skip it. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
}

async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open folders for fsync; rename there is already durable enough.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `target` atomically, creating the folder if needed; `mode` (e.g. 0o600 for secrets) from the first byte. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  await writeAtomicWith(target, (out) => out.write(data), options);
}

/** What `writeAtomicWith` hands its `fill`: each write lands whole in the temp file, or fails naming the target. */
export interface AtomicTarget {
  write: (data: string | Uint8Array) => Promise<void>;
}

/** Streams into a temp file through `fill`, then commits it; on any error the temp file is removed. */
export async function writeAtomicWith(target: string, fill: (out: AtomicTarget) => Promise<void>, options: { mode?: number } = {}): Promise<void> {
  const label = shortFileLabel(target);
  await namingFile(label, () => mkdir(dirname(target), { recursive: true }));
  const temp = tempPathFor(target);
  const handle = await namingFile(label, () => open(temp, 'wx', options.mode));
  try {
    await fill({ write: (data) => namingFile(label, () => writeAll(handle, data)) });
    await namingFile(label, () => handle.sync());
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  try {
    await namingFile(label, async () => {
      await handle.close();
      await rename(temp, target);
    });
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await namingFile(label, () => fsyncDir(dirname(target)));
}
