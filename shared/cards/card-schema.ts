import { z } from 'zod';
import { lenientBoolean, lenientKeyList, lenientNumber, lenientRecord, lenientText, lenientTextList } from './lenient';

// Character Card V1/V2/V3 field shapes (malfoyslastname/character-card-spec-v2,
// kwaroran/character-card-spec-v3), read leniently. Every object is loose: keys the spec does not
// name pass through untouched so a re-export carries them.

/** One lorebook entry; V3 made `use_regex` required, real cards often omit it. */
export const lorebookEntrySchema = z.looseObject({
  keys: lenientKeyList,
  content: lenientText,
  extensions: lenientRecord,
  enabled: lenientBoolean(true),
  insertion_order: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v ?? 0), z.number().catch(0)),
  case_sensitive: z.boolean().optional().catch(undefined),
  use_regex: lenientBoolean(false),
  constant: z.boolean().optional().catch(undefined),
  name: z.string().optional().catch(undefined),
  priority: lenientNumber,
  id: z.union([z.number(), z.string()]).optional().catch(undefined),
  comment: z.string().optional().catch(undefined),
  selective: z.boolean().optional().catch(undefined),
  secondary_keys: lenientKeyList.optional(),
  position: z.string().optional().catch(undefined),
});

/** The character's own lorebook (`character_book`). */
export const lorebookSchema = z.looseObject({
  name: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  scan_depth: lenientNumber,
  token_budget: lenientNumber,
  recursive_scanning: z.boolean().optional().catch(undefined),
  extensions: lenientRecord,
  entries: z.preprocess((v) => v ?? [], z.array(lorebookEntrySchema)),
});

/** A V3 asset reference (`embeded://…`, `ccdefault:`, a URL or a data URL). */
export const cardAssetSchema = z.looseObject({
  type: lenientText,
  uri: lenientText,
  name: lenientText,
  ext: lenientText,
});

/** Card data in its V3 shape; V1 and V2 cards are read into the same shape. */
export const cardDataSchema = z.looseObject({
  name: lenientText,
  description: lenientText,
  personality: lenientText,
  scenario: lenientText,
  first_mes: lenientText,
  mes_example: lenientText,
  creator_notes: lenientText,
  system_prompt: lenientText,
  post_history_instructions: lenientText,
  alternate_greetings: lenientTextList,
  tags: lenientKeyList,
  creator: lenientText,
  character_version: lenientText,
  extensions: lenientRecord,
  character_book: z.preprocess((v) => (v === null ? undefined : v), lorebookSchema.optional()),
  // V3 additions (lenient: many "V3" cards lack group_only_greetings).
  nickname: lenientText.optional(),
  group_only_greetings: lenientTextList,
  assets: z.preprocess((v) => (v === null ? undefined : v), z.array(cardAssetSchema).optional()),
  creator_notes_multilingual: z.record(z.string(), z.string()).optional().catch(undefined),
  source: lenientKeyList.optional(),
  creation_date: lenientNumber,
  modification_date: lenientNumber,
});

export type Lorebook = z.output<typeof lorebookSchema>;
export type LorebookEntry = z.output<typeof lorebookEntrySchema>;
export type CardAsset = z.output<typeof cardAssetSchema>;
export type CardData = z.output<typeof cardDataSchema>;

/** The data keys the specs name; any other key in `data` is an unknown field to keep. */
export const KNOWN_DATA_KEYS: ReadonlySet<string> = new Set(Object.keys(cardDataSchema.shape));

/** A V3 card as written to `ccv3` / `card.json`. */
export interface CardV3 {
  spec: 'chara_card_v3';
  spec_version: '3.0';
  data: Record<string, unknown>;
  [key: string]: unknown;
}

/** A V2 card as written to the `chara` chunk for apps that only read V2. */
export interface CardV2 {
  spec: 'chara_card_v2';
  spec_version: '2.0';
  data: Record<string, unknown>;
  [key: string]: unknown;
}
