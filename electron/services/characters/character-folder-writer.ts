import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type { Character } from '../../../shared/character/character-schema';
import { StudioError } from '../../../shared/contract/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { namingFile } from '../fs/file-error';
import { libraryLabel, realPathInside } from '../paths/library-path';
import { writeCharacterFile } from './write-character';

// A new character folder appears whole or not at all: it is filled in a hidden staging folder beside
// the library's folders and renamed into place, so a crash never leaves a half-made character.

/** A file for the new folder: bytes, or a file an import already unpacked on the same disk (moved, not copied). */
export type FolderFile = { path: string; bytes: Uint8Array } | { path: string; staged: string };

/** What goes into a new folder besides character.json. */
export interface FolderExtras {
  avatar?: { fileName: string; bytes: Uint8Array };
  files?: FolderFile[];
}

/** Puts one file into the staging folder, through the real-path check like every write under the library. */
async function placeFile(charactersDir: string, staging: string, file: FolderFile): Promise<void> {
  const target = await realPathInside(charactersDir, join(staging, safeRelativePath(file.path)));
  if ('bytes' in file) return writeFileAtomic(target, file.bytes);
  await namingFile(libraryLabel(charactersDir, target), async () => {
    await mkdir(dirname(target), { recursive: true });
    await rename(file.staged, target);
  });
}

/** A relative path inside the folder, refusing absolute paths and `..` (files may come from strangers' packs). */
export function safeRelativePath(path: string): string {
  const normal = normalize(path.replace(/\\/g, '/'));
  if (path === '' || isAbsolute(path) || /^[a-zA-Z]:/.test(path) || normal.split(sep).some((part) => part === '..')) {
    throw new StudioError('bad_file', `"${path}" points outside the character folder`);
  }
  return normal;
}

/** Creates `<charactersDir>/<character.id>/` with its files, atomically. */
export async function createCharacterFolder(charactersDir: string, character: Character, extras: FolderExtras = {}): Promise<void> {
  await mkdir(charactersDir, { recursive: true });
  const staging = join(charactersDir, `.staging-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(staging);
    for (const file of extras.files ?? []) await placeFile(charactersDir, staging, file);
    if (extras.avatar) await placeFile(charactersDir, staging, { path: extras.avatar.fileName, bytes: extras.avatar.bytes });
    await writeCharacterFile(charactersDir, staging, character);
    await rename(staging, join(charactersDir, character.id));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
