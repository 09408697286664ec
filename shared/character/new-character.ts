import { CHARACTER_SCHEMA_VERSION, characterSchema, type Character, type CharacterInput } from './character-schema';

// One place that builds a valid character from a few fields, so the library, importers, examples and
// tests never hand-assemble the defaults.

/** Fields a new character needs; everything else takes the schema's defaults unless given. */
export type NewCharacterFields = Omit<CharacterInput, 'schemaVersion' | 'createdAt' | 'modifiedAt'> & {
  now: string;
};

/** A valid character with the schema's defaults filled in. */
export function newCharacter({ now, ...fields }: NewCharacterFields): Character {
  return characterSchema.parse({ ...fields, schemaVersion: CHARACTER_SCHEMA_VERSION, createdAt: now, modifiedAt: now });
}
