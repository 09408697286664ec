import { describe, expect, it } from 'vitest';
import { readAdapterMetadata } from './adapter-metadata';

const studioMetadata = (settings: unknown) => ({
  formatVersion: 1, name: 'gentle', createdAt: '2024-01-01T00:00:00.000Z', characterId: 'mira', promptFormat: 'chatglm',
  baseModel: { name: 'CharacterGLM-6B', sha256: 'a'.repeat(64), architecture: 'chatglm', quantization: 'Q4_K_M' },
  settings, datasets: [], results: { steps: 1, trainTokens: 1, finalTrainLoss: null, initialHeldOutLoss: null, finalHeldOutLoss: null, elapsedSeconds: 1, tokensPerSecond: null, peakMemoryBytes: null, device: 'cpu' },
});
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('readAdapterMetadata', () => {
  it('reads the studio metadata and drops unknown top-level keys', () => {
    const read = readAdapterMetadata(JSON.stringify({ ...studioMetadata({ rank: 8 }), extra: 'x' }));
    expect(read.kind).toBe('studio');
    expect(read.kind === 'studio' && 'extra' in read.metadata).toBe(false);
  });

  it('names the field of 100,000-deep settings instead of passing them through', () => {
    const text = JSON.stringify(studioMetadata({ rank: 8 })).replace('{"rank":8}', `{"rank":${deep(100_000)}}`);
    expect(readAdapterMetadata(text)).toEqual({ kind: 'broken', problem: 'settings: nested deeper than 8 levels' });
  });

  it('keeps another tool\'s metadata as a plain object, bounded too', () => {
    expect(readAdapterMetadata('{"base_model_name":"x"}')).toEqual({ kind: 'foreign', raw: { base_model_name: 'x' } });
    expect(readAdapterMetadata(`{"notes":${deep(100_000)}}`)).toEqual({ kind: 'broken', problem: 'nested deeper than 16 levels' });
  });

  it('refuses a file over the size cap without parsing it, and text that is not a JSON object', () => {
    expect(readAdapterMetadata('', 10 * 1024 * 1024)).toEqual({ kind: 'broken', problem: 'larger than 256 KB' });
    expect(readAdapterMetadata('[1]').kind).toBe('broken');
    expect(readAdapterMetadata('{').kind).toBe('broken');
  });
});
