import { describe, expect, it } from 'vitest';
import { chooseWindow, replyReserve } from './context-window';

describe('chooseWindow', () => {
  const base = { prefix: 100, tail: 5, keepFirst: 1, previousDrop: 0 };

  it('keeps every turn while they fit', () => {
    expect(chooseWindow({ ...base, turns: [20, 30, 30], budget: 500 })).toEqual({ drop: 0, fits: true, tokens: 185 });
  });

  it('drops the oldest turns first but keeps the greeting, down to the low-water mark', () => {
    // 100 + 5 + greeting 50 + 6 × 40 = 395 > 300; target 225 → drop until ≤ 225: 155 + 40·k ≤ 225 → k = 1 left.
    const choice = chooseWindow({ ...base, turns: [50, 40, 40, 40, 40, 40, 40], budget: 300 });
    expect(choice).toEqual({ drop: 5, fits: true, tokens: 195 });
  });

  it('stays with the previous drop while it still fits, so the prompt prefix does not move', () => {
    const choice = chooseWindow({ ...base, turns: [50, 40, 40, 40, 40, 40, 40, 40], budget: 300, previousDrop: 5 });
    expect(choice).toEqual({ drop: 5, fits: true, tokens: 235 });
  });

  it('never drops the newest turn and says when even that does not fit', () => {
    const choice = chooseWindow({ ...base, turns: [50, 40, 400], budget: 300 });
    expect(choice.drop).toBe(1);
    expect(choice.fits).toBe(false);
  });

  it('has nothing to keep when there is no greeting', () => {
    const choice = chooseWindow({ ...base, keepFirst: 0, turns: [80, 80, 80, 80], budget: 300 });
    expect(choice).toEqual({ drop: 3, fits: true, tokens: 185 });
  });

  it('reserves at most a quarter of the context for the reply', () => {
    expect(replyReserve(4096, 8192)).toBe(1024);
    expect(replyReserve(4096, 200)).toBe(200);
  });
});
