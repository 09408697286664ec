import { describe, expect, it } from 'vitest';
import { COALESCE_MS, emptyHistory, HISTORY_LIMIT, record, redo, undo } from './edit-history';

describe('edit history', () => {
  it('undoes and redoes across fields in order', () => {
    let h = emptyHistory<string>();
    h = record(h, 'a', 'name', 0);
    h = record(h, 'ab', 'identity', 10);
    const u1 = undo(h, 'abc')!;
    expect(u1.state).toBe('ab');
    const u2 = undo(u1.history, u1.state)!;
    expect(u2.state).toBe('a');
    expect(undo(u2.history, u2.state)).toBeNull();
    const r1 = redo(u2.history, u2.state)!;
    expect(r1.state).toBe('ab');
    expect(redo(r1.history, r1.state)!.state).toBe('abc');
  });

  it('joins quick changes to one field into one step, but not changes to another field or after a pause', () => {
    let h = emptyHistory<string>();
    h = record(h, '', 'name', 0);
    h = record(h, 'L', 'name', 100);
    h = record(h, 'Li', 'name', 200);
    expect(h.past).toEqual(['']);
    h = record(h, 'Lin', 'tags', 300);
    expect(h.past).toEqual(['', 'Lin']);
    h = record(h, 'Lin+t', 'tags', 300 + COALESCE_MS);
    expect(h.past).toEqual(['', 'Lin', 'Lin+t']);
  });

  it('starts a new step after an undo, and a new change clears redo', () => {
    let h = emptyHistory<string>();
    h = record(h, 'a', 'x', 0);
    const u = undo(h, 'ab')!;
    expect(u.history.future).toEqual(['ab']);
    h = record(u.history, 'a', 'x', 1);
    expect(h.future).toEqual([]);
    expect(h.past).toEqual(['a']);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = record(h, i, `k${i}`, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
