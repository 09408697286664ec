import { describe, expect, it } from 'vitest';
import { mentionedSpeaker, nextInTurn, nextSpeaker } from './next-speaker';

const cast = [
  { id: 'tea', name: '沈掌柜' },
  { id: 'detective', name: '陆探长' },
  { id: 'captain', name: 'Captain Vale' },
];

describe('nextSpeaker', () => {
  it("takes the writer's choice over everything else", () => {
    expect(nextSpeaker(cast, [{ speaker: null, text: '@陆探长 你怎么看？' }], 'captain')).toEqual({ speaker: 'captain', reason: 'chosen' });
  });

  it('refuses a choice that is not in the scene', () => {
    expect(() => nextSpeaker(cast, [], 'stranger')).toThrow('"stranger" is not in this scene');
  });

  it('lets the user call a character with @name (name or id, any case), the longest name winning', () => {
    expect(nextSpeaker(cast, [{ speaker: 'tea', text: '客官请坐' }, { speaker: null, text: '@陆探长 你怎么看？' }])).toEqual({ speaker: 'detective', reason: 'mentioned' });
    expect(mentionedSpeaker(cast, 'hey @captain vale, over here')).toBe('captain');
    expect(mentionedSpeaker(cast, 'hey @CAPTAIN')).toBe('captain');
    expect(mentionedSpeaker([{ id: 'a', name: 'Ann' }, { id: 'b', name: 'Ann Lee' }], '@Ann Lee?')).toBe('b');
    expect(mentionedSpeaker(cast, 'no call here')).toBeNull();
  });

  it('has the character named in the last line answer, never the one who said it', () => {
    expect(nextSpeaker(cast, [{ speaker: 'tea', text: '陆探长，您的茶。Captain Vale 也来一杯？' }])).toEqual({ speaker: 'detective', reason: 'named' });
    expect(nextSpeaker(cast, [{ speaker: 'detective', text: '我陆探长办案从不喝茶。' }])).toEqual({ speaker: 'captain', reason: 'next-in-turn' });
    expect(nextSpeaker(cast, [{ speaker: null, text: '沈掌柜，再来一壶。' }])).toEqual({ speaker: 'tea', reason: 'named' });
  });

  it('goes round in scene order after the last character who spoke, past user lines', () => {
    expect(nextInTurn(cast, [])).toBe('tea');
    expect(nextInTurn(cast, [{ speaker: 'tea', text: '…' }])).toBe('detective');
    expect(nextInTurn(cast, [{ speaker: 'captain', text: '…' }, { speaker: null, text: '嗯' }])).toBe('tea');
    const turns = ['tea', 'detective', 'captain', 'tea'];
    const lines: { speaker: string | null; text: string }[] = [];
    for (const expected of turns) {
      const next = nextSpeaker(cast, lines);
      expect(next.speaker).toBe(expected);
      lines.push({ speaker: next.speaker, text: '好。' });
    }
  });
});
