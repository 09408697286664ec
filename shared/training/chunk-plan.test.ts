import { describe, expect, it } from 'vitest';
import { planChunks } from './chunk-plan';
import { heldOutIndices } from './held-out-split';
import { packWindows } from './pack-windows';
import { labelTokens } from './token-labels';

describe('planChunks', () => {
  // greeting, then user/reply pairs of 10 tokens each turn
  const dialogue = (pairs: number, turn = 10) => ({
    header: 20,
    turns: [turn, ...Array.from({ length: pairs * 2 }, () => turn)],
    trained: [false, ...Array.from({ length: pairs * 2 }, (_, i) => i % 2 === 1)],
    user: [false, ...Array.from({ length: pairs * 2 }, (_, i) => i % 2 === 0)],
  });

  it('keeps a dialogue that fits whole', () => {
    expect(planChunks(dialogue(2), 200)).toEqual({ chunks: [{ start: 0, end: 5, tokens: 20 + 50 + 1 }], tooLong: null });
  });

  it('cuts a long dialogue so every reply is learnt once, each piece starting on its user message', () => {
    const plan = planChunks(dialogue(6), 20 + 40 + 1);
    expect(plan.tooLong).toBeNull();
    const chunks = plan.chunks!;
    expect(chunks.every((c) => c.tokens <= 61)).toBe(true);
    const replies = chunks.flatMap((c) => Array.from({ length: c.end - c.start }, (_, k) => c.start + k)).filter((t) => t % 2 === 0 && t > 0);
    expect(replies).toEqual([2, 4, 6, 8, 10, 12]);
    expect(chunks.slice(1).every((c) => c.start % 2 === 1)).toBe(true);
  });

  it('drops older context before giving up, and names an exchange that never fits', () => {
    expect(planChunks(dialogue(1), 20 + 20 + 1).chunks).toEqual([{ start: 1, end: 3, tokens: 41 }]);
    expect(planChunks(dialogue(1, 50), 100)).toEqual({ chunks: null, tooLong: { turn: 2, tokens: 121 } });
  });
});

describe('labelTokens', () => {
  it('labels reply tokens, the next line start after a reply, and end-of-sequence after the last', () => {
    const out = labelTokens([
      { tokens: [1, 2], trained: false },
      { tokens: [3], trained: false },
      { tokens: [4, 5], trained: true },
      { tokens: [6, 7], trained: false },
      { tokens: [8], trained: true },
    ], 99);
    expect(out.tokens).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 99]);
    expect(out.labels).toEqual([-1, -1, 4, 5, 6, -1, 8, 99, -1]);
  });
});

describe('packWindows and heldOutIndices', () => {
  it('packs first-fit by decreasing length without splitting pieces', () => {
    expect(packWindows([60, 50, 40, 30, 20], 100)).toEqual([[0, 2], [1, 3, 4]]);
    expect(() => packWindows([101], 100)).toThrow(/more than the 100-token window/);
    expect(packWindows([1, 1, 1], 100, 2)).toEqual([[0, 1], [2]]);
  });

  it('holds out a seeded, stable share of dialogues, none from tiny sets', () => {
    expect(heldOutIndices(3, 0.2, 1)).toEqual([]);
    const a = heldOutIndices(20, 0.1, 7);
    expect(a).toHaveLength(2);
    expect(heldOutIndices(20, 0.1, 7)).toEqual(a);
    expect(heldOutIndices(10, 0.9, 1)).toHaveLength(9);
  });
});
