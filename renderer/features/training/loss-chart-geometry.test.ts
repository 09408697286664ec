import { describe, expect, it } from 'vitest';
import { chartGeometry } from './loss-chart-geometry';

describe('chartGeometry', () => {
  it('places losses from zero up and steps across the whole run', () => {
    const g = chartGeometry([{ step: 1, train: 10 }, { step: 2, train: 5 }, { step: 2, heldOut: 8 }, { step: 4, train: 2 }], 400, 100, 8);
    expect(g.train.split(' ')).toHaveLength(3);
    const [first, , last] = g.train.split(' ').map((p) => p.split(',').map(Number));
    expect(first![0]).toBeCloseTo(50);
    expect(last![0]).toBeCloseTo(200);
    expect(first![1]).toBeLessThan(last![1]!);
    expect(g.heldOutDots).toHaveLength(1);
    expect(g.yTicks[0]).toEqual({ y: 100, label: '0' });
    expect(g.xTicks.at(-1)!.label).toBe('8');
  });

  it('draws nothing but the axes without points', () => {
    const g = chartGeometry([], 400, 100, 0);
    expect(g.train).toBe('');
    expect(g.xTicks.length).toBeGreaterThan(0);
  });
});
