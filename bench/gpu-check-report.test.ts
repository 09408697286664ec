import { describe, expect, it } from 'vitest';
import { againstPeft, devicePeakBytes, parseMemoryUsedMiB, PEFT_ANCHOR } from './gpu-check-report';

describe('gpu-check report', () => {
  it('takes the device-memory peak above the baseline from nvidia-smi samples', () => {
    expect(parseMemoryUsedMiB('512\n 1536 \n\n2048, MiB\nN/A\n')).toEqual([512, 1536, 2048]);
    expect(devicePeakBytes(512, [512, 2048, 1536])).toBe(1536 * 2 ** 20);
    expect(devicePeakBytes(512, [])).toBeNull();
    expect(devicePeakBytes(4096, [1024])).toBe(0);
  });

  it('sets the full model against the PEFT anchor and its goals', () => {
    const met = againstPeft({ layers: 28, trainTokensPerSecond: 6000, peakMemoryBytes: 10 * 2 ** 30, measured: true });
    expect(met.speedRatio).toBeCloseTo(6000 / PEFT_ANCHOR.tokensPerSecond);
    expect(met.memoryRatio).toBeCloseTo(10 / 45.9);
    expect(met).toMatchObject({ speedGoalMet: true, memoryGoalMet: true, figuresAre: 'measured on all 28 layers' });
    const missed = againstPeft({ layers: 28, trainTokensPerSecond: 4000, peakMemoryBytes: 12 * 2 ** 30, measured: false });
    expect(missed).toMatchObject({ speedGoalMet: false, memoryGoalMet: false, figuresAre: 'extrapolated to 28 layers from the smaller runs' });
    expect(againstPeft({ layers: 28, trainTokensPerSecond: 5000, peakMemoryBytes: null, measured: true }).memoryGoalMet).toBeNull();
  });
});
