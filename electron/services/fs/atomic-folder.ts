import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';

// A folder of files written all or nothing: everything goes into a hidden staging folder beside the
// target, which takes the target's name only when every file is complete (each one through the atomic
// writer). A failure at any step removes the staging folder, so an export that stops half-way leaves
// nothing behind, and a folder the user already filled is never written into.

/** Refuses a target that exists and holds anything (checked before long work, and again at the end); returns whether it exists, empty. */
export async function assertFreeFolder(target: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'ENOTDIR') throw new StudioError('conflict', `${target} is a file: name a new folder to write into`);
    throw error;
  }
  if (entries.length > 0) throw new StudioError('conflict', `${target} is not empty: name a new or empty folder, nothing was written`);
  return true;
}

/** Creates `target` (absent or empty) holding what `fill` writes into the staging folder it is given. */
export async function writeFolderAtomic(target: string, fill: (staging: string) => Promise<void>): Promise<string> {
  const full = resolve(target);
  await assertFreeFolder(full);
  await mkdir(dirname(full), { recursive: true });
  const staging = join(dirname(full), `.${basename(full)}.partial-${randomBytes(4).toString('hex')}`);
  await mkdir(staging);
  try {
    await fill(staging);
    // checked again: something may have appeared there while the files were written
    if (await assertFreeFolder(full)) await rmdir(full);
    await rename(staging, full);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return full;
}
