import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';

// Where one character's files live. The folder name is the character's id; every id that reaches the
// file system is checked here, so no request can name a path outside the library.

export const CHARACTER_FILE = 'character.json';

/** Marks trash folder names (`<id>~<deletedAt ms>`); never part of an id. */
export const TRASH_SEPARATOR = '~';

/** True for a name that is a plain, visible folder name usable as a character id. */
export function isCharacterId(id: string): boolean {
  return id.length > 0 && id.length <= 120 && !id.startsWith('.') && !/[/\\\0~]/.test(id) && id.trim() === id;
}

/** Throws the user-facing error for an id that cannot be a character folder. */
export function assertCharacterId(id: string): void {
  if (!isCharacterId(id)) throw new StudioError('invalid_input', `"${id}" is not a valid character id`);
}

/** The folder and character.json of one character. */
export function characterPaths(charactersDir: string, id: string): { dir: string; file: string } {
  assertCharacterId(id);
  const dir = join(charactersDir, id);
  return { dir, file: join(dir, CHARACTER_FILE) };
}
