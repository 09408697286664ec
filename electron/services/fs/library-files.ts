import { readFile } from 'node:fs/promises';
import { realPathInside } from '../paths/library-path';
import { writeFileAtomic } from './atomic-write';

// Reads and whole-file writes under the library, each resolved through the real-path check first (see
// paths/library-path.ts), so a link planted in a character folder cannot lead either outside.

/** The bytes of a file under `root`; OS errors (ENOENT…) come through as they are, for the caller to word. */
export async function readLibraryFile(root: string, target: string): Promise<Buffer> {
  return readFile(await realPathInside(root, target));
}

/** The text of a file under `root` (UTF-8). */
export async function readLibraryText(root: string, target: string): Promise<string> {
  return readFile(await realPathInside(root, target), 'utf8');
}

/** Writes a file under `root` atomically (see atomic-write.ts). */
export async function writeLibraryFile(root: string, target: string, data: string | Uint8Array): Promise<void> {
  await writeFileAtomic(await realPathInside(root, target), data);
}
