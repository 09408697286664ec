import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backwardWeightsFile } from './training-paths';

describe('backwardWeightsFile', () => {
  it('keys the transposed weights by the model, and by the first trained layer when it is not the first', () => {
    expect(backwardWeightsFile('/c', 'ab12', { layers: null })).toBe(join('/c', 'ab12.q8_0.bwt'));
    expect(backwardWeightsFile('/c', 'ab12', { layers: { first: 0, last: 27 } })).toBe(join('/c', 'ab12.q8_0.bwt'));
    expect(backwardWeightsFile('/c', 'ab12', { layers: { first: 20, last: 27 } })).toBe(join('/c', 'ab12.q8_0.from-layer-20.bwt'));
  });
});
