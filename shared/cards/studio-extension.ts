import { z } from 'zod';
import { characterSchema, type Character } from '../character/character-schema';
import { isPlainObject } from './lenient';

// The studio's own fields ride inside the card's `extensions` under one namespaced key (the V2/V3
// specs' place for app data). Other apps keep unknown extension keys, so a character that travels
// studio → card → other app → studio comes back with its attributes and behaviours intact.

/** Key inside card `data.extensions`. */
export const STUDIO_EXTENSION_KEY = 'character_studio';

/** Bumped when the payload's shape changes in a way older studios cannot read. */
export const STUDIO_EXTENSION_VERSION = 1;

const payloadSchema = z.object({
  version: z.number().int(),
  character: z.record(z.string(), z.unknown()),
});

/** Fields of a Character that travel in the extension (the avatar travels as the image itself). */
export type StudioCharacterFields = Omit<Character, 'extensions' | 'avatar'>;

/** The payload written into the card for `character`. */
export function studioExtensionFor(character: Character): { version: number; character: StudioCharacterFields } {
  const { extensions: _extensions, avatar: _avatar, ...fields } = character;
  return { version: STUDIO_EXTENSION_VERSION, character: fields };
}

/**
 * The studio fields a card carries, validated; null when it carries none. A payload this studio cannot
 * read (newer version, damaged) is reported, and the card is then read like any other app's card.
 */
export function readStudioExtension(extensions: Record<string, unknown>): { fields: StudioCharacterFields | null; warning?: string } {
  const raw = extensions[STUDIO_EXTENSION_KEY];
  if (raw === undefined) return { fields: null };
  const payload = payloadSchema.safeParse(raw);
  if (!payload.success || !isPlainObject(raw)) return { fields: null, warning: `extensions.${STUDIO_EXTENSION_KEY} is damaged; read the card's own fields instead` };
  if (payload.data.version > STUDIO_EXTENSION_VERSION) {
    return { fields: null, warning: `extensions.${STUDIO_EXTENSION_KEY} was written by a newer studio (version ${payload.data.version}); read the card's own fields instead` };
  }
  const parsed = characterSchema.safeParse({ ...payload.data.character, avatar: null, extensions: {} });
  if (!parsed.success) return { fields: null, warning: `extensions.${STUDIO_EXTENSION_KEY} does not match this studio's character fields; read the card's own fields instead` };
  const { extensions: _e, avatar: _a, ...fields } = parsed.data;
  return { fields };
}
