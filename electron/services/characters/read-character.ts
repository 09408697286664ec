import { join } from 'node:path';
import type { Character } from '../../../shared/character/character-schema';
import { migrateCharacter } from '../../../shared/character/migrations/migrate-character';
import { StudioError } from '../../../shared/contract/errors';
import { readLibraryText } from '../fs/library-files';
import { CHARACTER_FILE, characterPaths } from './character-paths';

// Loads one character folder. A folder whose character.json is missing, unreadable, invalid or from a
// newer studio becomes a `problem` naming the file and what is wrong, so the rest of the library still
// loads and nothing ever writes over a file it did not understand.

/** A loaded character with what a later save needs to keep faithful to the file. */
export interface LoadedCharacter {
  ok: true;
  character: Character;
  /** The version on disk (older ones are migrated in memory and backed up on the first save). */
  fromVersion: number;
  /** Top-level keys the schema does not know; written back unchanged on save. */
  unknownFields: Record<string, unknown>;
  /** The file's text as read, for the pre-migration backup. */
  text: string;
}

/** A folder that could not be loaded. */
export interface CharacterProblem {
  ok: false;
  id: string;
  problem: string;
  /** The file the problem is in, as the message names it. */
  file: string;
  newer: boolean;
}

/** Reads and migrates `characters/<id>/character.json`. */
export async function readCharacter(charactersDir: string, id: string, now: string): Promise<LoadedCharacter | CharacterProblem> {
  return readCharacterAt(charactersDir, characterPaths(charactersDir, id).dir, id, `characters/${id}/${CHARACTER_FILE}`, now);
}

/**
 * Reads and migrates the character.json in `dir` (under the library folder `root`) as character `id`;
 * `label` is how messages name the file.
 */
export async function readCharacterAt(root: string, dir: string, id: string, label: string, now: string): Promise<LoadedCharacter | CharacterProblem> {
  let text: string;
  try {
    text = await readLibraryText(root, join(dir, CHARACTER_FILE));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = error instanceof StudioError
      ? error.message
      : code === 'ENOENT' ? `${label} is missing` : `${label}: cannot be read (${(error as Error).message})`;
    return { ok: false, id, problem, file: label, newer: false };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, id, problem: `${label}: not valid JSON (${(error as Error).message})`, file: label, newer: false };
  }
  const outcome = migrateCharacter(raw, { id, now });
  if (!outcome.ok) return { ok: false, id, problem: `${label}: ${outcome.message}`, file: label, newer: outcome.reason === 'newer' };
  return { ok: true, character: outcome.character, fromVersion: outcome.fromVersion, unknownFields: outcome.unknownFields, text };
}
