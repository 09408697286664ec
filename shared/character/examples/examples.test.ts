import { describe, expect, it } from 'vitest';
import { newCharacter } from '../new-character';
import { renderBotInfo } from '../render-profile';
import { fieldProblems } from '../validate-character';
import { EXAMPLE_CHARACTERS } from './index';

describe('bundled example characters', () => {
  it('are valid, distinct, in both languages, and render a full profile', () => {
    expect(new Set(EXAMPLE_CHARACTERS.map((e) => e.exampleId)).size).toBe(EXAMPLE_CHARACTERS.length);
    expect(new Set(EXAMPLE_CHARACTERS.map((e) => e.fields.language))).toEqual(new Set(['zh', 'en']));
    for (const example of EXAMPLE_CHARACTERS) {
      const character = newCharacter({ ...example.fields, id: example.exampleId, now: '2024-01-01T00:00:00.000Z' });
      expect(fieldProblems(character), example.exampleId).toEqual({});
      const lines = renderBotInfo(character).split('\n');
      // Every attribute and behaviour, plus the scenario.
      expect(lines.length, example.exampleId).toBe(12);
    }
  });
});
