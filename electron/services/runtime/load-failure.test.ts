import { describe, expect, it } from 'vitest';
import { loadFailure } from './load-failure';

describe('loadFailure', () => {
  it('says what to change when a fixed GPU layer count did not fit', () => {
    const vram = new Error('Not enough VRAM to fit the model with the specified settings');
    expect(loadFailure(vram, 'max')).toBe('Not enough VRAM to fit the model with the specified settings — all layers on the GPU do not fit in its memory: choose Auto or fewer GPU layers in Settings');
    expect(loadFailure(new Error('ggml_vulkan: failed to allocate Vulkan0 buffer of size 524288'), 20)).toMatch(/20 layers on the GPU do not fit .*fewer GPU layers/);
  });

  it('leaves other failures, and any failure under Auto, as they are', () => {
    expect(loadFailure(new Error('unknown model architecture: \'llama4\''), 'max')).toBe('unknown model architecture: \'llama4\'');
    expect(loadFailure(new Error('Not enough VRAM to fit the model with the specified settings'), 'auto')).toBe('Not enough VRAM to fit the model with the specified settings');
  });
});
