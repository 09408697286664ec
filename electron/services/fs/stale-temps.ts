import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

// A write killed between its temp file and the rename (power cut, SIGKILL) leaves a dot-named
// `.<name>.<8 hex>.tmp` beside the target (see atomic-write.ts). Listings skip them, but they hold disk
// space, so the studio sweeps them at start. Only old ones: another studio process may be mid-write.

const TEMP_NAME = /^\..+\.[0-9a-f]{8}\.tmp$/;

/** Removes leftover atomic-write temp files under `root` older than `olderThanMs`; returns their paths. */
export async function sweepStaleTemps(root: string, olderThanMs = 60 * 60_000, now = Date.now()): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !TEMP_NAME.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path).catch(() => null);
    if (!info || now - info.mtimeMs < olderThanMs) continue;
    await rm(path, { force: true });
    removed.push(path);
  }
  return removed;
}
