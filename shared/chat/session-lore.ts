import { lorebookOf } from '../cards/card-record';
import { triggeredLore } from '../cards/lorebook-scan';
import type { Character } from '../character/character-schema';
import type { DialogueTurn, SessionMeta } from '../prompt/characterglm-format';
import { trainedTurns } from '../training/sample-segments';

// An imported card's lorebook reaches the model the only way CharacterGLM takes background: inside
// bot_info (DESIGN.md §5), after the profile. Entries are chosen from the recent messages each turn, so
// the header (and with it the cached prompt) only changes when the set of triggered entries changes.

/** `meta` with the lore that `messages` (oldest first) trigger appended to its bot_info. */
export function withTriggeredLore(meta: SessionMeta, character: Pick<Character, 'extensions'>, messages: readonly string[]): SessionMeta {
  const lore = triggeredLore(lorebookOf(character), messages);
  if (lore.length === 0) return meta;
  return { ...meta, botInfo: [meta.botInfo, ...lore].filter((part) => part.trim() !== '').join('\n') };
}

/**
 * `meta` with the lore chat would show when the dialogue's last reply is generated (its messages before
 * that reply trigger it): training renders each dialogue under one header, so it takes the header of the
 * reply that sees the most of the dialogue.
 */
export function withDialogueLore(meta: SessionMeta, character: Pick<Character, 'extensions'>, turns: readonly DialogueTurn[]): SessionMeta {
  const last = trainedTurns(turns).lastIndexOf(true);
  return withTriggeredLore(meta, character, turns.slice(0, last === -1 ? turns.length : last).map((t) => t.text));
}
