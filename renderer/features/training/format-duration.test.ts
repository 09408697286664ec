import { describe, expect, it } from 'vitest';
import { formatDuration, formatLoss } from './format-duration';

describe('formatDuration', () => {
  it('reads like a clock for people', () => {
    expect(formatDuration(44.6)).toBe('45 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(7500)).toBe('2 h 05 min');
    expect(formatDuration(-3)).toBe('0 s');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(0.43)).toBe('0.4 s');
    expect(formatDuration(9.94)).toBe('9.9 s');
    expect(formatDuration(9.96)).toBe('10 s');
  });

  it('shows a dash for a missing loss', () => {
    expect(formatLoss(null)).toBe('–');
    expect(formatLoss(Number.NaN)).toBe('–');
    expect(formatLoss(2.34567)).toBe('2.346');
  });
});
