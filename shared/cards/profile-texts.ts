import type { Character, ExampleDialogue } from '../character/character-schema';
import { renderBotInfo } from '../character/render-profile';
import type { CardTexts } from './card-record';
import { formatExampleDialogues, parseExampleDialogues, splitEmbeddedExamples } from './example-dialogues';

// The three card texts the studio re-shapes: description + personality become the free-text profile
// (CharacterGLM's bot_info is description + personality + scenario, DESIGN.md §5), and mes_example (or
// example blocks embedded in the description) become structured example dialogues.

/** What a card's texts become in the studio. */
export interface StudioTexts {
  freeTextProfile: string;
  exampleDialogues: ExampleDialogue[];
}

/** Card texts → the free-text profile and example dialogues. `names`: the character's name and nickname. */
export function studioTextsFromCard(texts: CardTexts, names: readonly string[]): StudioTexts {
  let description = texts.description.replace(/\r\n?/g, '\n').trim();
  let exampleDialogues = parseExampleDialogues(texts.mes_example, names);
  if (texts.mes_example.trim() === '') {
    const split = splitEmbeddedExamples(description, names);
    description = split.description;
    exampleDialogues = split.dialogues;
  }
  const personality = texts.personality.replace(/\r\n?/g, '\n').trim();
  return { freeTextProfile: [description, personality].filter((t) => t !== '').join('\n\n'), exampleDialogues };
}

const sameTexts = (a: StudioTexts, b: StudioTexts): boolean =>
  a.freeTextProfile === b.freeTextProfile && JSON.stringify(a.exampleDialogues) === JSON.stringify(b.exampleDialogues);

/** The profile as one text for a card's description: free text as written, or the structured fields rendered (without the scenario, which has its own card field). */
export function descriptionFor(character: Character): string {
  if (character.profileMode === 'freeText') return character.freeTextProfile;
  return renderBotInfo({ ...character, scenario: '' });
}

/**
 * Studio → card texts. When the character still holds exactly what its imported card texts gave, the
 * original texts are written back unchanged (their formatting, embedded examples and all).
 */
export function cardTextsFromCharacter(character: Character, original: CardTexts | undefined): CardTexts {
  const names = [character.name, character.nickname];
  const current: StudioTexts = { freeTextProfile: character.freeTextProfile, exampleDialogues: character.exampleDialogues };
  if (original && character.profileMode === 'freeText' && sameTexts(studioTextsFromCard(original, names), current)) return original;
  return { description: descriptionFor(character), personality: '', mes_example: formatExampleDialogues(character.exampleDialogues) };
}
