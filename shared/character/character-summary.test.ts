import { describe, expect, it } from 'vitest';
import { queryCharacters, tagCounts, type CharacterSummary } from './character-summary';

const row = (id: string, name: string, tags: string[], modifiedAt: string, extra: Partial<CharacterSummary> = {}): CharacterSummary => ({
  id, name, nickname: '', tags, language: 'zh', hasAvatar: false, revision: 0, createdAt: modifiedAt, modifiedAt, ...extra,
});

const all = [
  row('a', '林若溪', ['茶馆', 'Slice of life'], '2024-01-02'),
  row('b', 'Mira Voss', ['sci-fi'], '2024-01-03', { nickname: 'Captain' }),
  row('c', '陆沉', ['侦探'], '2024-01-01'),
  row('bad', 'bad', [], '', { problem: 'characters/bad/character.json: not valid JSON' }),
];

describe('queryCharacters', () => {
  it('sorts by modified time, newest first, by default', () => {
    expect(queryCharacters(all).map((c) => c.id)).toEqual(['b', 'a', 'c', 'bad']);
  });

  it('sorts by name on request', () => {
    const ids = queryCharacters(all, { sort: 'name' }).map((c) => c.id);
    // Latin names collate before Han ones; the Han order is the platform collator's, so only the split is pinned.
    expect(ids.slice(0, 2)).toEqual(['bad', 'b']);
    expect(ids.slice(2).sort()).toEqual(['a', 'c']);
  });

  it('searches name, nickname and tags case-insensitively, keeping problem rows visible', () => {
    expect(queryCharacters(all, { search: 'mira' }).map((c) => c.id)).toEqual(['b', 'bad']);
    expect(queryCharacters(all, { search: 'captain' }).map((c) => c.id)).toEqual(['b', 'bad']);
    expect(queryCharacters(all, { search: '茶' }).map((c) => c.id)).toEqual(['a', 'bad']);
    expect(queryCharacters(all, { search: 'SLICE' }).map((c) => c.id)).toEqual(['a', 'bad']);
  });

  it('filters by an exact tag', () => {
    expect(queryCharacters(all, { tag: 'SCI-FI' }).map((c) => c.id)).toEqual(['b', 'bad']);
    expect(queryCharacters(all, { tag: 'sci' }).map((c) => c.id)).toEqual(['bad']);
  });

  it('counts tags', () => {
    expect(tagCounts([...all, row('d', 'D', ['侦探', '侦探'], 'x')])).toEqual([
      { tag: '侦探', count: 2 }, { tag: 'sci-fi', count: 1 }, { tag: 'Slice of life', count: 1 }, { tag: '茶馆', count: 1 },
    ]);
  });
});
