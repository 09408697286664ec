import { describe, expect, it } from 'vitest';
import { DEFAULT_TALK_TURNS, MAX_TALK_TURNS, startTalkLoop, talkTurns } from './talk-loop';

/** A turn that resolves when the test says so, to see what the loop does meanwhile. */
function heldTurns() {
  const pending: Array<(ok: boolean) => void> = [];
  const takeTurn = (): Promise<boolean> => new Promise((resolve) => pending.push(resolve));
  const finish = async (ok: boolean): Promise<void> => {
    await Promise.resolve();
    pending.shift()!(ok);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { takeTurn, finish, asked: () => pending.length };
}

describe('let them talk', () => {
  it('plays the turns one after another, never two at once', async () => {
    const turns = heldTurns();
    const played: number[] = [];
    const loop = startTalkLoop(3, turns.takeTurn, (n) => played.push(n));
    await turns.finish(true);
    expect(turns.asked()).toBe(1);
    await turns.finish(true);
    await turns.finish(true);
    expect(await loop.done).toBe(3);
    expect(played).toEqual([1, 2, 3]);
    expect(loop.stopped).toBe(true);
  });

  it('stops after the turn in progress when told to, and asks for no other', async () => {
    const turns = heldTurns();
    const loop = startTalkLoop(5, turns.takeTurn);
    await turns.finish(true);
    loop.stop();
    await turns.finish(true);
    expect(await loop.done).toBe(2);
    expect(turns.asked()).toBe(0);
  });

  it('ends at a turn that failed or was stopped, and at one that threw', async () => {
    const turns = heldTurns();
    const loop = startTalkLoop(3, turns.takeTurn);
    await turns.finish(true);
    await turns.finish(false);
    expect(await loop.done).toBe(1);
    expect(await startTalkLoop(3, () => Promise.reject(new Error('model gone'))).done).toBe(0);
  });

  it('plays nothing for zero turns', async () => {
    let asked = 0;
    expect(await startTalkLoop(0, async () => (asked += 1) > 0).done).toBe(0);
    expect(asked).toBe(0);
  });
});

describe('the turn count box', () => {
  it('keeps the count between one and the most, and falls back to the default', () => {
    expect(talkTurns('5')).toBe(5);
    expect(talkTurns('0')).toBe(1);
    expect(talkTurns('99')).toBe(MAX_TALK_TURNS);
    expect(talkTurns('2.7')).toBe(2);
    expect(talkTurns('')).toBe(DEFAULT_TALK_TURNS);
    expect(talkTurns('abc')).toBe(DEFAULT_TALK_TURNS);
  });
});
