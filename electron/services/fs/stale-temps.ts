import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

// A write killed between its temp file and the rename (power cut, SIGKILL) leaves a dot-named
// `.<name>.<8 hex>.tmp` beside the target (see atomic-write.ts); an import killed mid-way leaves its
// `.staging-<12 hex>` folder in the characters folder (see character-folder-writer.ts), which can hold a
// whole pack's adapters. Listings skip both, but they hold disk space, so the studio sweeps them at start.
// Only old ones: another studio process may be mid-write.

const TEMP_NAME = /^\..+\.[0-9a-f]{8}\.tmp$/;
const STAGING_NAME = /^\.staging-[0-9a-f]{12}$/;

/**
 * Removes leftover atomic-write temp files and import staging folders under `root` older than
 * `olderThanMs`; returns their paths.
 */
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
    const isLeftover = (entry.isFile() && TEMP_NAME.test(entry.name)) || (entry.isDirectory() && STAGING_NAME.test(entry.name));
    if (!isLeftover) continue;
    const path = join(entry.parentPath, entry.name);
    // Gone already when it sat inside a staging folder removed earlier in this sweep.
    const info = await stat(path).catch(() => null);
    if (!info || now - info.mtimeMs < olderThanMs) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
