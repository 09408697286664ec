import { describe, expect, it } from 'vitest';
import { getAt, pathKey, setAt } from './draft-path';

describe('draft paths', () => {
  const draft = { name: 'A', attributes: { interests: ['x', 'y'], identity: '' }, tags: [] as string[] };

  it('sets nested values without touching the original, sharing unchanged parts', () => {
    const next = setAt(draft, ['attributes', 'interests', 1], 'z');
    expect(next.attributes.interests).toEqual(['x', 'z']);
    expect(draft.attributes.interests).toEqual(['x', 'y']);
    expect(next.tags).toBe(draft.tags);
    expect(getAt(next, ['attributes', 'interests', 1])).toBe('z');
    expect(getAt(next, ['nope', 'deeper'])).toBeUndefined();
    expect(pathKey(['attributes', 'interests', 1])).toBe('attributes.interests.1');
  });
});
