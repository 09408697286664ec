import { describe, expect, it } from 'vitest';
import { layerLine } from './layer-line';

describe('layerLine', () => {
  it('carries a figure along the line through two layer counts', () => {
    // 1 layer 2 s, 4 layers 5 s: 1 s a layer, so 28 layers take 29 s
    expect(layerLine({ layers: 1, value: 2 }, { layers: 4, value: 5 }).at(28)).toBeCloseTo(29);
    expect(layerLine({ layers: 4, value: 5 }, { layers: 1, value: 2 }).at(28)).toBeCloseTo(29);
    expect(layerLine({ layers: 1, value: 2 }, { layers: 4, value: 5 }).perLayer).toBeCloseTo(1);
    // through the origin: every layer costs the same
    expect(layerLine({ layers: 0, value: 0 }, { layers: 2, value: 6 }).at(28)).toBeCloseTo(84);
    expect(() => layerLine({ layers: 2, value: 1 }, { layers: 2, value: 3 })).toThrow(/two different layer counts/);
  });
});
