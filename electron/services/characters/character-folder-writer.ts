import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { Character } from '../../../shared/character/character-schema';
import { StudioError } from '../../../shared/contract/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { writeCharacterFile } from './write-character';

// A new character folder appears whole or not at all: it is filled in a hidden staging folder beside
// the library's folders and renamed into place, so a crash never leaves a half-made character.

/** What goes into a new folder besides character.json. */
export interface FolderExtras {
  avatar?: { fileName: string; bytes: Uint8Array };
  files?: { path: string; bytes: Uint8Array }[];
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
    for (const file of extras.files ?? []) await writeFileAtomic(join(staging, safeRelativePath(file.path)), file.bytes);
    if (extras.avatar) await writeFileAtomic(join(staging, extras.avatar.fileName), extras.avatar.bytes);
    await writeCharacterFile(staging, character);
    await rename(staging, join(charactersDir, character.id));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
