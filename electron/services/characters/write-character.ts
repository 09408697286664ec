import { join } from 'node:path';
import type { Character } from '../../../shared/character/character-schema';
import { writeFileAtomic } from '../fs/atomic-write';
import { CHARACTER_FILE } from './character-paths';

// The one way character.json is written: atomically, with the unknown top-level keys the file had
// before (another app's or a newer minor feature's data is never dropped by a save).

/** Serialises a character with its kept unknown fields; schema fields win on a name clash. */
export function characterFileText(character: Character, unknownFields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ ...unknownFields, ...character }, null, 2)}\n`;
}

/** Writes `<dir>/character.json` atomically. */
export async function writeCharacterFile(dir: string, character: Character, unknownFields?: Record<string, unknown>): Promise<void> {
  await writeFileAtomic(join(dir, CHARACTER_FILE), characterFileText(character, unknownFields));
}

/** Keeps the pre-migration file beside the new one the first time a migrated character is saved. */
export async function writeMigrationBackup(dir: string, fromVersion: number, text: string): Promise<void> {
  await writeFileAtomic(join(dir, `character.v${fromVersion}.backup.json`), text);
}
