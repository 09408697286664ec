import { describe, expect, it } from 'vitest';
import { modelId, parseModelId } from './model-id';

describe('model ids', () => {
  it('name a character, or a character with one of its adapters, and read back', () => {
    expect(modelId('苏梦远')).toBe('苏梦远');
    expect(modelId('su-mengyuan', 'warmer v2')).toBe('su-mengyuan/warmer v2');
    expect(parseModelId('su-mengyuan/warmer v2')).toEqual({ characterId: 'su-mengyuan', adapter: 'warmer v2' });
    expect(parseModelId('苏梦远')).toEqual({ characterId: '苏梦远', adapter: null });
  });

  it('name nothing when a part is empty', () => {
    expect(parseModelId('')).toBeNull();
    expect(parseModelId('su/')).toBeNull();
    expect(parseModelId('/warmer')).toBeNull();
  });
});
