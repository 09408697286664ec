// The composer's @-completion in a scene: while the word being typed starts with "@", the cast names that
// begin with what follows are offered; taking one writes "@name " in place of the partial word.

/** The "@…" being typed just before the caret: where its "@" is and what follows it. */
export interface MentionDraft {
  start: number;
  query: string;
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** The partial mention ending at `caret`, or null when the caret is not in one. */
export function mentionDraft(text: string, caret: number): MentionDraft | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf('@');
  if (start === -1) return null;
  const query = before.slice(start + 1);
  return /\s/.test(query) ? null : { start, query };
}

/** The names that complete `draft`, in cast order (none once the name is typed out in full). */
export function mentionChoices(names: readonly string[], draft: MentionDraft | null): string[] {
  if (!draft) return [];
  const query = fold(draft.query);
  return names.filter((name) => fold(name).startsWith(query) && fold(name) !== query);
}

/** `text` with the partial mention replaced by "@name ", and where the caret goes after it. */
export function completeMention(text: string, caret: number, draft: MentionDraft, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, draft.start) + inserted + text.slice(caret), caret: draft.start + inserted.length };
}
