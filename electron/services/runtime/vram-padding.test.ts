import { describe, expect, it } from 'vitest';
import { vramPadding } from './vram-padding';

const GiB = 2 ** 30;

describe('vramPadding', () => {
  it("keeps node-llama-cpp's margin without a limit: 8% of the card, at most 1.6 GiB", () => {
    expect(vramPadding(8 * GiB, null)).toBe(Math.floor(0.64 * GiB));
    expect(vramPadding(80 * GiB, null)).toBe(Math.floor(1.6 * GiB));
  });

  it('leaves everything above the limit to other programs, and never less than the margin', () => {
    expect(vramPadding(24 * GiB, 6 * GiB)).toBe(18 * GiB);
    expect(vramPadding(8 * GiB, 8 * GiB)).toBe(Math.floor(0.64 * GiB));
    expect(vramPadding(8 * GiB, 64 * GiB)).toBe(Math.floor(0.64 * GiB));
  });
});
