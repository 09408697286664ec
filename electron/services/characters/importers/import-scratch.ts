import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

// Archives are unpacked to disk, never whole into memory. Their entries land in a scratch folder
// inside the characters folder: the same disk as the character's final folder, so the library moves
// them into place instead of copying, and dot-named, so the library's listing skips it. It is named
// like the library's own staging folders, so the start-up sweep (fs/stale-temps.ts) removes one that
// a killed import left behind.

/** Runs `work` with a fresh scratch folder under `charactersDir`, removed afterwards whatever happens. */
export async function withImportScratch<T>(charactersDir: string, work: (scratch: string) => Promise<T>): Promise<T> {
  const scratch = join(charactersDir, `.staging-${randomBytes(6).toString('hex')}`);
  await mkdir(scratch, { recursive: true });
  try {
    return await work(scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
