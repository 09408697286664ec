// Half-precision conversions for checkpoint conversion and tensor checks. Hand-written because they are
// a few lines each and must run tens of millions of times per second without allocating; npm's
// float16 packages convert one number at a time through objects.

const scratch = new DataView(new ArrayBuffer(4));

/** A bf16 bit pattern as a float: bf16 is the top half of an f32. */
export function bf16ToF32(bits: number): number {
  scratch.setUint32(0, (bits & 0xffff) << 16);
  return scratch.getFloat32(0);
}

/** An IEEE f16 bit pattern as a float (subnormals, infinities and NaN included). */
export function f16ToF32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/**
 * An f32 bit pattern rounded to the nearest f16 (ties to even), as numpy's astype(float16) does:
 * values beyond the f16 range become infinity, tiny ones become subnormal or zero.
 */
export function f32BitsToF16(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mantissa | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let out = m >> shift;
    const rest = m & ((1 << shift) - 1);
    if (rest > half || (rest === half && out & 1)) out++;
    return sign | out;
  }
  let out = (e << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && out & 1)) out++;
  return sign | out;
}

/** An f32 value as f16 bits. */
export function f32ToF16(value: number): number {
  scratch.setFloat32(0, value);
  return f32BitsToF16(scratch.getUint32(0));
}

/**
 * Converts little-endian bf16 values to f16 in place-compatible buffers; returns how many finite values
 * overflowed the f16 range (they become ±infinity), so the caller can warn instead of hiding it.
 */
export function bf16ToF16(src: Uint8Array, dst: Uint8Array): number {
  const count = src.byteLength >> 1;
  let overflow = 0;
  for (let i = 0; i < count; i++) {
    const b = src[2 * i]! | (src[2 * i + 1]! << 8);
    const h = f32BitsToF16(b << 16);
    if ((h & 0x7c00) === 0x7c00 && (b & 0x7f80) !== 0x7f80) overflow++;
    dst[2 * i] = h & 0xff;
    dst[2 * i + 1] = h >> 8;
  }
  return overflow;
}

/** Little-endian bf16 or f16 bytes widened to f32 bytes (for 1-D tensors, which GGUF keeps in F32). */
export function halfToF32Bytes(src: Uint8Array, kind: 'BF16' | 'F16'): Uint8Array {
  const count = src.byteLength >> 1;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const b = src[2 * i]! | (src[2 * i + 1]! << 8);
    out[i] = kind === 'BF16' ? bf16ToF32(b) : f16ToF32(b);
  }
  return new Uint8Array(out.buffer);
}

/** f32 bytes narrowed to f16 bytes (checkpoints saved in f32). */
export function f32ToF16Bytes(src: Uint8Array): Uint8Array {
  const words = new Uint32Array(src.buffer.slice(src.byteOffset, src.byteOffset + src.byteLength));
  const out = new Uint16Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = f32BitsToF16(words[i]!);
  return new Uint8Array(out.buffer);
}
