import { join } from 'node:path';
import type { Character } from '../../../shared/character/character-schema';
import { writeLibraryFile } from '../fs/library-files';
import { CHARACTER_FILE } from './character-paths';

// The one way character.json is written: atomically, with the unknown top-level keys the file had
// before (another app's or a newer minor feature's data is never dropped by a save).

/** Serialises a character with its kept unknown fields; schema fields win on a name clash. */
export function characterFileText(character: Character, unknownFields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ ...unknownFields, ...character }, null, 2)}\n`;
}

/** Writes `<dir>/character.json` atomically; `root` is the library folder it must really land in. */
export async function writeCharacterFile(root: string, dir: string, character: Character, unknownFields?: Record<string, unknown>): Promise<void> {
  await writeLibraryFile(root, join(dir, CHARACTER_FILE), characterFileText(character, unknownFields));
}

/** Keeps the pre-migration file beside the new one the first time a migrated character is saved. */
export async function writeMigrationBackup(root: string, dir: string, fromVersion: number, text: string): Promise<void> {
  await writeLibraryFile(root, join(dir, `character.v${fromVersion}.backup.json`), text);
}
