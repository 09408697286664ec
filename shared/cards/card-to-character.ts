import { CHARACTER_SCHEMA_VERSION, characterSchema, type Character } from '../character/character-schema';
import { StudioError } from '../contract/errors';
import { CARD_RECORD_KEY, recordFromCard } from './card-record';
import { characterToCard } from './character-to-card';
import { detectLanguage } from './detect-language';
import type { NormalizedCard } from './normalize-card';
import { studioTextsFromCard } from './profile-texts';
import { readStudioExtension, STUDIO_EXTENSION_KEY, type StudioCharacterFields } from './studio-extension';

// Card → studio character (DESIGN.md §5): bot name ← nickname or name; the profile ← description +
// personality (the scenario has its own field and is rendered after it); greetings ← first_mes and
// alternate_greetings. A card the studio wrote carries the full character in its extension; then only
// the card fields another app changed since are taken from the card.

/** A character read from a card, and what the reader had to bend to read it. */
export interface CardImport {
  character: Character;
  warnings: string[];
}

const MAX_EXAMPLE_DIALOGUES = 50;
const MAX_TURNS = 100;

// Studio field → the card field it came from, for error messages in the card's own terms.
const CARD_FIELD_FOR: Record<string, string> = {
  name: 'name', nickname: 'nickname', greeting: 'first_mes', alternateGreetings: 'alternate_greetings', scenario: 'scenario',
  tags: 'tags', creatorNotes: 'creator_notes', freeTextProfile: 'description + personality', exampleDialogues: 'mes_example',
};

function clampDialogues(dialogues: Character['exampleDialogues'], warnings: string[]): Character['exampleDialogues'] {
  if (dialogues.length > MAX_EXAMPLE_DIALOGUES) warnings.push(`the card has ${dialogues.length} example dialogues; the studio shows the first ${MAX_EXAMPLE_DIALOGUES} (all of them stay in the card text for export)`);
  const kept = dialogues.slice(0, MAX_EXAMPLE_DIALOGUES);
  if (kept.some((d) => d.length > MAX_TURNS)) warnings.push(`an example dialogue has more than ${MAX_TURNS} lines; the studio shows the first ${MAX_TURNS}`);
  return kept.map((d) => d.slice(0, MAX_TURNS));
}

const uniqueTags = (tags: readonly string[]): string[] => [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];

/** The studio fields a card's own (spec) fields give. */
function fieldsFromCardData(card: NormalizedCard, warnings: string[]): Partial<StudioCharacterFields> {
  const d = card.data;
  const nickname = d.nickname?.trim() ?? '';
  const texts = studioTextsFromCard(d, [d.name, nickname]);
  return {
    name: d.name.trim(),
    nickname,
    profileMode: 'freeText',
    freeTextProfile: texts.freeTextProfile,
    exampleDialogues: clampDialogues(texts.exampleDialogues, warnings),
    greeting: d.first_mes,
    alternateGreetings: d.alternate_greetings,
    scenario: d.scenario,
    tags: uniqueTags(d.tags),
    creatorNotes: d.creator_notes,
  };
}

/** For a studio-written card: the studio fields, with the ones another app changed taken from the card. */
function mergeEdits(base: StudioCharacterFields, card: NormalizedCard, fromCard: Partial<StudioCharacterFields>): StudioCharacterFields {
  const written = characterToCard({ ...base, avatar: null, extensions: {} }).data;
  const changed = (key: string): boolean => JSON.stringify(written[key] ?? '') !== JSON.stringify((card.data as Record<string, unknown>)[key] ?? '');
  const merged: StudioCharacterFields = { ...base };
  const take = <K extends keyof StudioCharacterFields>(key: K, cardKey: string) => {
    if (changed(cardKey) && fromCard[key] !== undefined) merged[key] = fromCard[key] as StudioCharacterFields[K];
  };
  take('name', 'name');
  // A V2 card (e.g. the PNG `chara` backfill) has no nickname field: absent is not an edit there.
  if (card.spec === 'v3') take('nickname', 'nickname');
  take('greeting', 'first_mes');
  take('alternateGreetings', 'alternate_greetings');
  take('scenario', 'scenario');
  take('tags', 'tags');
  take('creatorNotes', 'creator_notes');
  if (changed('description') || changed('personality')) {
    merged.profileMode = 'freeText';
    merged.freeTextProfile = fromCard.freeTextProfile ?? '';
  }
  if (changed('mes_example') || changed('description')) merged.exampleDialogues = fromCard.exampleDialogues ?? [];
  return merged;
}

function describeIssue(path: PropertyKey[], message: string): string {
  const [head, ...rest] = path.map(String);
  const field = head !== undefined ? (CARD_FIELD_FOR[head] ?? head) : 'card';
  return `${field}${rest.length > 0 ? `[${rest.join('].[')}]` : ''}: ${message}`;
}

/** Reads a normalised card into a studio character with the given id; throws naming `source` and the card field when a value does not fit. */
export function cardToCharacter(card: NormalizedCard, options: { id: string; now: string; source: string }): CardImport {
  const warnings = [...card.warnings];
  const fromCard = fieldsFromCardData(card, warnings);
  const { [STUDIO_EXTENSION_KEY]: _studio, ...extensions } = card.data.extensions;
  const studio = readStudioExtension(card.data.extensions);
  if (studio.warning) warnings.push(studio.warning);
  const d = card.data;
  const language = detectLanguage(d.name, d.description, d.first_mes);
  const base: Partial<StudioCharacterFields> = studio.fields
    ? mergeEdits(studio.fields, card, fromCard)
    : { ...fromCard, language, user: { name: language === 'en' ? 'User' : '用户', info: '' }, createdAt: options.now, modifiedAt: options.now };
  const parsed = characterSchema.safeParse({
    ...base,
    schemaVersion: CHARACTER_SCHEMA_VERSION,
    id: options.id,
    avatar: null,
    createdAt: base.createdAt ?? options.now,
    modifiedAt: base.modifiedAt ?? options.now,
    extensions: { ...extensions, [CARD_RECORD_KEY]: recordFromCard(card) },
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => describeIssue(i.path, i.message)).join('; ');
    throw new StudioError('bad_file', `${options.source}: ${issues}`);
  }
  return { character: parsed.data, warnings };
}
