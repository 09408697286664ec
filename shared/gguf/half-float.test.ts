import { describe, expect, it } from 'vitest';
import { bf16ToF16, bf16ToF32, f16ToF32, f32ToF16 } from './half-float';

describe('half-precision conversion', () => {
  it('round-trips representable values and rounds to nearest even', () => {
    for (const v of [0, 1, -2.5, 65504, 6.103515625e-5, 5.960464477539063e-8]) expect(f16ToF32(f32ToF16(v))).toBe(v);
    expect(f16ToF32(f32ToF16(1 + 2 ** -11))).toBe(1); // tie → even
    expect(f16ToF32(f32ToF16(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
    expect(f16ToF32(f32ToF16(1e6))).toBe(Infinity);
    expect(Number.isNaN(f16ToF32(f32ToF16(NaN)))).toBe(true);
  });

  it('converts bf16 to f16 and counts overflow', () => {
    const src = new Uint8Array(new Uint16Array([0x3f80, 0xc040, 0x4780 /* 65536 */]).buffer);
    const dst = new Uint8Array(src.length);
    expect(bf16ToF16(src, dst)).toBe(1);
    const out = new Uint16Array(dst.buffer);
    expect([f16ToF32(out[0]!), f16ToF32(out[1]!), f16ToF32(out[2]!)]).toEqual([1, -3, Infinity]);
    expect(bf16ToF32(0x4780)).toBe(65536);
  });
});
