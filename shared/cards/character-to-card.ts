import type { Character } from '../character/character-schema';
import { isEmbeddedUri } from './card-assets';
import { CARD_RECORD_KEY, cardRecordOf } from './card-record';
import type { CardAsset, CardV2, CardV3 } from './card-schema';
import type { Omission } from './export-omissions';
import { cardTextsFromCharacter } from './profile-texts';
import { STUDIO_EXTENSION_KEY, studioExtensionFor } from './studio-extension';

// Studio character → Character Card V3 (and the V2 backfill for the PNG `chara` chunk). Card-only
// fields and unknown fields the character was imported with are written back where they came from,
// as far as the target allows: V3 forbids app fields at the top level, so unknown top-level fields
// (SillyTavern's `talkativeness`, `fav`, `chat`…) stay in the studio and travel only in the V2 chunk.

const seconds = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
};

/** The V3 card for a character. `assets`: what the container carries (see export-assets.ts; undefined leaves the field out); not given, the card keeps only assets that stand alone (URLs, data URIs, ccdefault:). */
export function characterToCard(character: Character, options: { assets?: CardAsset[] | undefined } = {}): CardV3 {
  const record = cardRecordOf(character);
  const texts = cardTextsFromCharacter(character, record.original);
  const { [CARD_RECORD_KEY]: _record, ...otherExtensions } = character.extensions;
  const fields = record.fields;
  const keptAssets = Array.isArray(fields.assets) ? (fields.assets as CardAsset[]).filter((a) => !isEmbeddedUri(String(a.uri))) : undefined;
  const assets = 'assets' in options ? options.assets : keptAssets;
  const data: Record<string, unknown> = {
    name: character.name,
    ...(character.nickname !== '' ? { nickname: character.nickname } : {}),
    description: texts.description,
    personality: texts.personality,
    scenario: character.scenario,
    first_mes: character.greeting,
    mes_example: texts.mes_example,
    creator_notes: character.creatorNotes,
    system_prompt: fields.system_prompt ?? '',
    post_history_instructions: fields.post_history_instructions ?? '',
    alternate_greetings: character.alternateGreetings,
    group_only_greetings: fields.group_only_greetings ?? [],
    tags: character.tags,
    creator: fields.creator ?? '',
    character_version: fields.character_version ?? '',
    ...(fields.character_book !== undefined ? { character_book: fields.character_book } : {}),
    ...(assets !== undefined ? { assets } : {}),
    ...(fields.source !== undefined ? { source: fields.source } : {}),
    ...(fields.creator_notes_multilingual !== undefined ? { creator_notes_multilingual: fields.creator_notes_multilingual } : {}),
    creation_date: typeof fields.creation_date === 'number' ? fields.creation_date : seconds(character.createdAt),
    modification_date: seconds(character.modifiedAt),
    ...record.unknownData,
    extensions: { ...otherExtensions, [STUDIO_EXTENSION_KEY]: studioExtensionFor(character) },
  };
  return { spec: 'chara_card_v3', spec_version: '3.0', data };
}

/** The unknown top-level fields a V3 export leaves out (kept in the studio; the PNG's V2 chunk carries them). */
export function topLevelOmissions(character: Pick<Character, 'extensions'>): Omission[] {
  return Object.keys(cardRecordOf(character).unknownTop).map((name) => ({ part: 'file', kind: 'top-level-field', name }));
}

/** The top-level fields for the V2 chunk: the card's unknown ones, with SillyTavern's `tags` mirror refreshed. */
export function v2TopFields(character: Pick<Character, 'extensions' | 'tags'>): Record<string, unknown> {
  const top = { ...cardRecordOf(character).unknownTop };
  if ('tags' in top) top.tags = character.tags;
  return top;
}

const V2_DATA_KEYS = [
  'name', 'description', 'personality', 'scenario', 'first_mes', 'mes_example', 'creator_notes', 'system_prompt',
  'post_history_instructions', 'alternate_greetings', 'character_book', 'tags', 'creator', 'character_version', 'extensions',
] as const;

/** The V2 card (with the V1 fields mirrored at the top, as SillyTavern writes them, and `top`: see v2TopFields) for readers that predate V3. */
export function toV2Card(card: CardV3, top: Record<string, unknown>): CardV2 {
  const data: Record<string, unknown> = {};
  for (const key of V2_DATA_KEYS) if (card.data[key] !== undefined) data[key] = card.data[key];
  const mirror = Object.fromEntries(['name', 'description', 'personality', 'scenario', 'first_mes', 'mes_example'].map((k) => [k, card.data[k] ?? '']));
  return { ...top, ...mirror, spec: 'chara_card_v2', spec_version: '2.0', data };
}
