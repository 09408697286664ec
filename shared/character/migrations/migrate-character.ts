import { formatIssues } from '../../validation/format-issues';
import { CHARACTER_SCHEMA_VERSION, characterSchema, type Character } from '../character-schema';
import { v0ToV1 } from './v0-to-v1';

// Forward migrations for character.json. Each step takes the raw object of version N to version N+1;
// loading applies the steps in order and validates the result against the current schema. A file from a
// newer studio is refused (never downgraded, never overwritten). To add v2: bump
// CHARACTER_SCHEMA_VERSION, write `v1-to-v2.ts`, and append it to CHARACTER_MIGRATIONS.

/** What a migration step may need besides the raw object: the folder's id and a clock. */
export interface MigrationContext {
  id: string;
  now: string;
}

/** One step, from `from` to `from + 1`. */
export interface CharacterMigration {
  from: number;
  migrate: (raw: Record<string, unknown>, context: MigrationContext) => Record<string, unknown>;
}

/** Every step in order; the index of a step equals its `from` version. */
export const CHARACTER_MIGRATIONS: readonly CharacterMigration[] = [v0ToV1];

/** The result of bringing a raw character.json to the current version. */
export type MigrationOutcome =
  | { ok: true; character: Character; fromVersion: number; unknownFields: Record<string, unknown> }
  | { ok: false; reason: 'newer' | 'invalid'; version: number | null; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file's schema version: an absent field means 0 (files written before versioning). */
export function schemaVersionOf(raw: Record<string, unknown>): number | null {
  if (!('schemaVersion' in raw)) return 0;
  const version = raw.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : null;
}

const KNOWN_KEYS = new Set(Object.keys(characterSchema.shape));

/** Top-level keys the current schema does not know, kept so a save never drops another app's data. */
export function unknownFieldsOf(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !KNOWN_KEYS.has(key)));
}

/** Brings any raw character.json content to the current schema, or says exactly why it cannot. */
export function migrateCharacter(
  raw: unknown,
  context: MigrationContext,
  migrations: readonly CharacterMigration[] = CHARACTER_MIGRATIONS,
  currentVersion = CHARACTER_SCHEMA_VERSION,
): MigrationOutcome {
  if (!isRecord(raw)) return { ok: false, reason: 'invalid', version: null, message: 'not a JSON object' };
  const fromVersion = schemaVersionOf(raw);
  if (fromVersion === null) {
    return { ok: false, reason: 'invalid', version: null, message: 'schemaVersion: must be a whole number' };
  }
  if (fromVersion > currentVersion) {
    return {
      ok: false,
      reason: 'newer',
      version: fromVersion,
      message: `schemaVersion ${fromVersion} is newer than this studio understands (${currentVersion}); update the studio to open it`,
    };
  }
  let current = raw;
  for (let version = fromVersion; version < currentVersion; version++) {
    const step = migrations.find((m) => m.from === version);
    if (!step) return { ok: false, reason: 'invalid', version: fromVersion, message: `no migration from schemaVersion ${version}` };
    current = step.migrate(current, context);
  }
  const parsed = characterSchema.safeParse({ ...current, id: context.id });
  if (!parsed.success) return { ok: false, reason: 'invalid', version: fromVersion, message: formatIssues(parsed.error) };
  return { ok: true, character: parsed.data, fromVersion, unknownFields: unknownFieldsOf(current) };
}
