import type { Character } from './character-schema';

// What the library list shows for each character folder, and the list's search and sort. Pure, so the
// CLI's `characters list --search` and the renderer's search box agree.

/** One row of the library: a loadable character, or a folder whose character.json has a problem. */
export interface CharacterSummary {
  id: string;
  name: string;
  nickname: string;
  tags: string[];
  language: Character['language'];
  hasAvatar: boolean;
  revision: number;
  createdAt: string;
  modifiedAt: string;
  /** Set when character.json is invalid or from a newer studio; the folder is then left untouched. */
  problem?: string;
}

/** The list row for a loaded character. */
export function summarize(character: Character): CharacterSummary {
  return {
    id: character.id,
    name: character.name,
    nickname: character.nickname,
    tags: character.tags,
    language: character.language,
    hasAvatar: character.avatar !== null,
    revision: character.revision,
    createdAt: character.createdAt,
    modifiedAt: character.modifiedAt,
  };
}

/** How the list is narrowed and ordered. */
export interface CharacterQuery {
  /** Matches name, nickname or a tag, case-insensitively. */
  search?: string;
  /** Only characters carrying this tag (exact, case-insensitive). */
  tag?: string;
  sort?: 'modified' | 'name';
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Filters and sorts summaries; problem rows always stay visible so they are never silently hidden. */
export function queryCharacters(all: readonly CharacterSummary[], query: CharacterQuery = {}): CharacterSummary[] {
  const needle = fold(query.search?.trim() ?? '');
  const tag = query.tag ? fold(query.tag) : null;
  const matches = (c: CharacterSummary): boolean => {
    if (c.problem) return true;
    if (tag !== null && !c.tags.some((t) => fold(t) === tag)) return false;
    if (needle === '') return true;
    return [c.name, c.nickname, ...c.tags].some((text) => fold(text).includes(needle));
  };
  const byName = (a: CharacterSummary, b: CharacterSummary): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const compare = query.sort === 'name'
    ? byName
    : (a: CharacterSummary, b: CharacterSummary): number => b.modifiedAt.localeCompare(a.modifiedAt) || byName(a, b);
  return all.filter(matches).sort(compare);
}

/** Every tag in the library with how many characters carry it, most used first. */
export function tagCounts(all: readonly CharacterSummary[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of all) for (const t of new Set(c.tags)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
