import { describe, expect, it } from 'vitest';
import { planSummary } from './memory-plan';

const base = { prefix: 100, tail: 5, keepFirst: 1, budget: 1000, drop: 0, covered: 0, summaryTokens: 92 };

describe('planSummary', () => {
  it('writes nothing while the prompt stays under the high-water mark', () => {
    expect(planSummary({ ...base, turns: [20, ...Array<number>(20).fill(30)] })).toBeNull();
  });

  it('covers the oldest turns down to the low-water mark once the prompt passes the high-water mark', () => {
    const turns = [20, ...Array<number>(24).fill(30)];
    // fixed 100 + 92 + 8 + 5 + 20 = 225, room 775; 24 × 30 = 720 > 0.85 × 775: down to ≤ 0.45 × 775 (348): 11 turns stay, 13 go.
    expect(planSummary({ ...base, turns })).toBe(13);
  });

  it('moves on from what the summary already covers, and catches up with what the engine dropped', () => {
    const turns = [20, ...Array<number>(24).fill(30)];
    expect(planSummary({ ...base, turns, covered: 13 })).toBeNull();
    expect(planSummary({ ...base, turns: [20, ...Array<number>(10).fill(30)], drop: 4, covered: 2 })).toBe(4);
  });

  it('leaves the dialogue room between summaries when the profile takes most of the window', () => {
    // room 1000 − 825 = 175: a summary at 149 dialogue tokens, down to 78, so about 70 tokens pass between two.
    const cramped = { ...base, prefix: 700 };
    expect(planSummary({ ...cramped, turns: [20, 30, 30, 30, 30] })).toBeNull();
    expect(planSummary({ ...cramped, turns: [20, 30, 30, 30, 30, 30, 30] })).toBe(4);
  });

  it('never covers the latest exchange', () => {
    expect(planSummary({ ...base, turns: [20, 900, 900, 900] })).toBe(1);
  });
});
