import type { Lorebook, LorebookEntry } from './card-schema';

// DESIGN.md §5: bot_info ← description + personality + scenario, plus the lore the conversation
// triggers. A card's lorebook entries fire when their keys appear in the recent messages (V2/V3 rules:
// `constant` entries always, `selective` entries also need a secondary key, `use_regex` keys are
// patterns, case-insensitive unless `case_sensitive`), ordered by `insertion_order`.

/** How many recent messages are scanned when the book does not say (`scan_depth`). */
export const DEFAULT_SCAN_DEPTH = 4;

function regexFrom(key: string, caseSensitive: boolean): RegExp | null {
  // Keys may be written /pattern/flags or as a bare pattern.
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(key);
  try {
    return literal ? new RegExp(literal[1]!, literal[2]!.replace(/[gy]/g, '')) : new RegExp(key, caseSensitive ? '' : 'i');
  } catch {
    return null;
  }
}

function matches(keys: readonly string[], text: string, entry: LorebookEntry): boolean {
  const caseSensitive = entry.case_sensitive === true;
  const haystack = caseSensitive ? text : text.toLowerCase();
  return keys.some((key) => {
    if (key.trim() === '') return false;
    if (entry.use_regex) return regexFrom(key, caseSensitive)?.test(text) ?? false;
    return haystack.includes(caseSensitive ? key : key.toLowerCase());
  });
}

/** The contents of the entries that `recentMessages` (oldest first) trigger, in insertion order. */
export function triggeredLore(book: Lorebook | null, recentMessages: readonly string[]): string[] {
  if (!book) return [];
  const depth = book.scan_depth !== undefined && book.scan_depth > 0 ? book.scan_depth : DEFAULT_SCAN_DEPTH;
  const text = recentMessages.slice(-depth).join('\n');
  return book.entries
    .filter((entry) => entry.enabled && entry.content.trim() !== '')
    .filter((entry) => {
      if (entry.constant && !entry.use_regex) return true;
      if (!matches(entry.keys, text, entry)) return false;
      const secondary = entry.secondary_keys ?? [];
      return !entry.selective || entry.use_regex || secondary.length === 0 || matches(secondary, text, { ...entry, use_regex: false });
    })
    .sort((a, b) => a.insertion_order - b.insertion_order)
    .map((entry) => entry.content);
}
