import { z } from 'zod';
import { StudioError } from '../contract/errors';
import { formatIssues } from '../validation/format-issues';
import type { Character } from './character-schema';
import { migrateCharacter } from './migrations/migrate-character';

// The official CharacterGLM-6B demo's character.json: a map of name → {user_info, bot_info, user_name,
// bot_name, greeting}; any field may be null. Each entry is a version-0 character, so the import reuses
// the v0 → v1 migration: one mapping from the official fields, whether they arrive by import or on disk.

const nullableText = z.string().max(100_000).nullable().optional();

const officialEntrySchema = z.looseObject({
  user_info: nullableText,
  bot_info: nullableText,
  user_name: nullableText,
  bot_name: nullableText,
  greeting: nullableText,
});

const officialFileSchema = z.record(z.string().min(1).max(200), officialEntrySchema);

const OFFICIAL_MARKERS = ['bot_info', 'bot_name'];

/** True when parsed JSON has the official shape (every entry an object carrying bot_info or bot_name). */
export function looksLikeOfficialCharacterFile(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const entries = Object.values(raw);
  return entries.length > 0 && entries.every(
    (entry) => typeof entry === 'object' && entry !== null && OFFICIAL_MARKERS.some((key) => key in entry),
  );
}

/**
 * Every entry of an official file as a current-schema character (ids are placeholders; the library
 * assigns real ones). `file` names the source in error messages.
 */
export function charactersFromOfficialFile(raw: unknown, file: string, now: string): Character[] {
  const parsed = officialFileSchema.safeParse(raw);
  if (!parsed.success) throw new StudioError('bad_file', `${file}: ${formatIssues(parsed.error)}`);
  const entries = Object.entries(parsed.data);
  if (entries.length === 0) throw new StudioError('bad_file', `${file}: no characters in the file`);
  return entries.map(([name, entry], index) => {
    const outcome = migrateCharacter({ ...entry, name }, { id: `import-${index + 1}`, now });
    if (!outcome.ok) throw new StudioError('bad_file', `${file}: ${name}: ${outcome.message}`);
    return outcome.character;
  });
}
