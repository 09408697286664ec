import { describe, expect, it } from 'vitest';
import { newCharacter } from './new-character';
import { blocksSave, fieldProblems } from './validate-character';

const base = newCharacter({ id: 'a', name: 'A', now: '2024-01-01T00:00:00.000Z' });

describe('fieldProblems', () => {
  it('has none for a valid character', () => {
    expect(fieldProblems(base)).toEqual({});
  });

  it('names the field with a missing name, a too-long text and too many items', () => {
    const problems = fieldProblems({
      ...base,
      name: '  ',
      attributes: { ...base.attributes, identity: 'x'.repeat(20_001), interests: Array.from({ length: 201 }, () => 'i') },
    });
    expect(problems).toEqual({
      name: { code: 'required', severity: 'error' },
      'attributes.identity': { code: 'tooLong', limit: 20_000, severity: 'error' },
      'attributes.interests': { code: 'tooMany', limit: 200, severity: 'error' },
    });
    expect(blocksSave(problems)).toBe(true);
  });

  it('warns about what the schema cannot say, without blocking the save', () => {
    const problems = fieldProblems({
      ...base,
      attributes: { ...base.attributes, relationships: [{ name: '', relation: '师父' }, { name: '', relation: '' }] },
      tags: ['武侠', ' 武侠 ', ''],
      exampleDialogues: [[{ speaker: 'user', text: '你好' }, { speaker: 'character', text: ' ' }]],
    });
    expect(problems).toEqual({
      'attributes.relationships.0.name': { code: 'required', severity: 'warning' },
      'tags.1': { code: 'duplicate', severity: 'warning' },
      'tags.2': { code: 'required', severity: 'warning' },
      'exampleDialogues.0.1.text': { code: 'required', severity: 'warning' },
    });
    expect(blocksSave(problems)).toBe(false);
  });
});
