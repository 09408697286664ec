import { lorebookOf } from '../cards/card-record';
import { triggeredLore } from '../cards/lorebook-scan';
import type { Character } from '../character/character-schema';
import type { SessionMeta } from '../prompt/characterglm-format';

// An imported card's lorebook reaches the model the only way CharacterGLM takes background: inside
// bot_info (DESIGN.md §5), after the profile. Entries are chosen from the recent messages each turn, so
// the header (and with it the cached prompt) only changes when the set of triggered entries changes.

/** `meta` with the lore that `messages` (oldest first) trigger appended to its bot_info. */
export function withTriggeredLore(meta: SessionMeta, character: Pick<Character, 'extensions'>, messages: readonly string[]): SessionMeta {
  const lore = triggeredLore(lorebookOf(character), messages);
  if (lore.length === 0) return meta;
  return { ...meta, botInfo: [meta.botInfo, ...lore].filter((part) => part.trim() !== '').join('\n') };
}
