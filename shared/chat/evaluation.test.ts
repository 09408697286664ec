import { describe, expect, it } from 'vitest';
import { CHARACTERGLM_SAMPLER_DEFAULTS } from '../prompt/sampling-defaults';
import { laneLabel, tallyEvaluations, type Evaluation } from './evaluation';

const base = { sampler: CHARACTERGLM_SAMPLER_DEFAULTS, adapter: null };
const tuned = { sampler: CHARACTERGLM_SAMPLER_DEFAULTS, adapter: { name: 'style-v1', scale: 1 } };
const entry = (verdicts: Evaluation['verdicts'], labels: [string, string] = ['base', 'style-v1 ×1']): Evaluation => ({
  id: Math.random().toString(36), at: '', chatId: 'c', characterRevision: 1, lanes: [base, tuned], labels, replies: ['a', 'b'], verdicts, kept: null,
});

describe('evaluation tally', () => {
  it('labels sides by adapter and by what differs in their sampler', () => {
    expect(laneLabel(base, tuned)).toBe('base');
    expect(laneLabel(tuned, base)).toBe('style-v1 ×1');
    const hot = { ...base, sampler: { ...base.sampler, temperature: 1.3 } };
    expect(laneLabel(hot, base)).toBe('base, temperature 1.3');
  });

  it('counts win / tie / lose of B against A per dimension and per pairing', () => {
    const rows = tallyEvaluations([
      entry({ consistency: 'b', humanLikeness: 'tie', engagement: 'a' }),
      entry({ consistency: 'b', humanLikeness: 'b', engagement: 'tie' }),
      entry({ consistency: 'a', humanLikeness: 'a', engagement: 'a' }, ['temp 0.9', 'temp 1.3']),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      labels: ['base', 'style-v1 ×1'], count: 2,
      dimensions: { consistency: { bWins: 2, ties: 0, aWins: 0 }, humanLikeness: { bWins: 1, ties: 1, aWins: 0 }, engagement: { bWins: 0, ties: 1, aWins: 1 } },
    });
    expect(rows[1]!.dimensions.engagement).toEqual({ bWins: 0, ties: 0, aWins: 1 });
  });
});
