import { z } from 'zod';
import type { Character } from '../character/character-schema';
import { lorebookSchema, type CardData, type Lorebook } from './card-schema';
import type { CardSpec, NormalizedCard } from './normalize-card';

// What a card carries that the studio's Character has no field for (system prompt, lorebook, creator,
// group greetings, V3 assets, unknown fields) lives in the character's `extensions` under one
// namespaced key, so a later export writes it back. The texts the card had are kept too: exporting
// an unedited character re-emits them byte for byte instead of a re-formatted version.

/** Key in Character.extensions holding the card-only fields. */
export const CARD_RECORD_KEY = 'character_studio_card';

/** Card fields without a studio field; written back on export. */
export const CARD_ONLY_FIELDS = [
  'system_prompt',
  'post_history_instructions',
  'creator',
  'character_version',
  'character_book',
  'group_only_greetings',
  'assets',
  'source',
  'creation_date',
  'creator_notes_multilingual',
] as const;

/** The card texts that the studio re-shapes (free-text profile, structured example dialogues). */
export const cardTextsSchema = z.object({
  description: z.string().default(''),
  personality: z.string().default(''),
  mes_example: z.string().default(''),
});
export type CardTexts = z.output<typeof cardTextsSchema>;

/** The record stored under CARD_RECORD_KEY. */
export const cardRecordSchema = z.object({
  spec: z.enum(['v1', 'v2', 'v3']).default('v3'),
  fields: z.record(z.string(), z.unknown()).default({}),
  unknownData: z.record(z.string(), z.unknown()).default({}),
  unknownTop: z.record(z.string(), z.unknown()).default({}),
  original: cardTextsSchema.optional(),
});
export type CardRecord = z.output<typeof cardRecordSchema>;

/** Builds the record for a card just read. */
export function recordFromCard(card: NormalizedCard): CardRecord {
  const fields: Record<string, unknown> = {};
  for (const key of CARD_ONLY_FIELDS) {
    const value = (card.data as CardData)[key];
    if (value !== undefined) fields[key] = value;
  }
  const { description, personality, mes_example } = card.data;
  return { spec: card.spec as CardSpec, fields, unknownData: card.unknownData, unknownTop: card.unknownTop, original: { description, personality, mes_example } };
}

/** The character's card record, or an empty one (a studio-made character, or a damaged record). */
export function cardRecordOf(character: Pick<Character, 'extensions'>): CardRecord {
  const parsed = cardRecordSchema.safeParse(character.extensions[CARD_RECORD_KEY] ?? {});
  return parsed.success ? parsed.data : cardRecordSchema.parse({});
}

/** The character's lorebook from its card, if it came with one (for lore triggering in chat). */
export function lorebookOf(character: Pick<Character, 'extensions'>): Lorebook | null {
  const book = cardRecordOf(character).fields.character_book;
  if (book === undefined) return null;
  const parsed = lorebookSchema.safeParse(book);
  return parsed.success ? parsed.data : null;
}
