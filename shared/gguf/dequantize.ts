import { bf16ToF32, f16ToF32 } from './half-float';

// Turns tensor data read from a GGUF back into floats, so tests and checks can compare a converted or
// quantised model with its source. Follows ggml's reference dequantisers (ggml-quants.c) for the
// types a CharacterGLM quantisation produces; hand-written because no npm package dequantises GGUF.

/** Types `dequantize` understands, with their block layout. */
export const dequantizableTypes = {
  F32: { blockValues: 1, blockBytes: 4 },
  F16: { blockValues: 1, blockBytes: 2 },
  BF16: { blockValues: 1, blockBytes: 2 },
  Q8_0: { blockValues: 32, blockBytes: 34 },
  Q4_K: { blockValues: 256, blockBytes: 144 },
  Q5_K: { blockValues: 256, blockBytes: 176 },
  Q6_K: { blockValues: 256, blockBytes: 210 },
} as const;
export type DequantizableType = keyof typeof dequantizableTypes;

const half = (b: Uint8Array, at: number): number => f16ToF32(b[at]! | (b[at + 1]! << 8));

function scaleMinK4(j: number, q: Uint8Array, at: number): [number, number] {
  if (j < 4) return [q[at + j]! & 63, q[at + j + 4]! & 63];
  return [(q[at + j + 4]! & 0xf) | ((q[at + j - 4]! >> 6) << 4), (q[at + j + 4]! >> 4) | ((q[at + j]! >> 6) << 4)];
}

function q4k(b: Uint8Array, at: number, y: Float32Array, o: number): void {
  const d = half(b, at);
  const dmin = half(b, at + 2);
  let q = at + 16;
  for (let j = 0, is = 0; j < 256; j += 64, is += 2, q += 32) {
    const [s1, m1] = scaleMinK4(is, b, at + 4);
    const [s2, m2] = scaleMinK4(is + 1, b, at + 4);
    for (let l = 0; l < 32; l++) y[o++] = d * s1 * (b[q + l]! & 0xf) - dmin * m1;
    for (let l = 0; l < 32; l++) y[o++] = d * s2 * (b[q + l]! >> 4) - dmin * m2;
  }
}

function q5k(b: Uint8Array, at: number, y: Float32Array, o: number): void {
  const d = half(b, at);
  const dmin = half(b, at + 2);
  const qh = at + 16;
  let ql = at + 48;
  for (let j = 0, is = 0, u1 = 1, u2 = 2; j < 256; j += 64, is += 2, ql += 32, u1 <<= 2, u2 <<= 2) {
    const [s1, m1] = scaleMinK4(is, b, at + 4);
    const [s2, m2] = scaleMinK4(is + 1, b, at + 4);
    for (let l = 0; l < 32; l++) y[o++] = d * s1 * ((b[ql + l]! & 0xf) + (b[qh + l]! & u1 ? 16 : 0)) - dmin * m1;
    for (let l = 0; l < 32; l++) y[o++] = d * s2 * ((b[ql + l]! >> 4) + (b[qh + l]! & u2 ? 16 : 0)) - dmin * m2;
  }
}

function q6k(b: Uint8Array, at: number, y: Float32Array, o: number): void {
  const d = half(b, at + 208);
  const sc = (i: number): number => (b[at + 192 + i]! << 24) >> 24;
  for (let n = 0; n < 2; n++) {
    const ql = at + n * 64;
    const qh = at + 128 + n * 32;
    const s = n * 8;
    const base = o + n * 128;
    for (let l = 0; l < 32; l++) {
      const is = l >> 4;
      const h = b[qh + l]!;
      y[base + l] = d * sc(s + is) * (((b[ql + l]! & 0xf) | ((h & 3) << 4)) - 32);
      y[base + l + 32] = d * sc(s + is + 2) * (((b[ql + l + 32]! & 0xf) | (((h >> 2) & 3) << 4)) - 32);
      y[base + l + 64] = d * sc(s + is + 4) * (((b[ql + l]! >> 4) | (((h >> 4) & 3) << 4)) - 32);
      y[base + l + 96] = d * sc(s + is + 6) * (((b[ql + l + 32]! >> 4) | (((h >> 6) & 3) << 4)) - 32);
    }
  }
}

/** Dequantises `count` values of `type` from `bytes` (which must hold whole blocks). */
export function dequantize(type: string, bytes: Uint8Array, count: number): Float32Array {
  if (!(type in dequantizableTypes)) throw new Error(`cannot dequantise tensor type ${type}`);
  const layout = dequantizableTypes[type as DequantizableType];
  if (count % layout.blockValues !== 0) throw new Error(`${count} values are not whole ${type} blocks`);
  const blocks = count / layout.blockValues;
  if (bytes.byteLength < blocks * layout.blockBytes) throw new Error(`${type}: ${bytes.byteLength} bytes hold fewer than ${count} values`);
  const y = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < blocks; i++) {
    const at = i * layout.blockBytes;
    const o = i * layout.blockValues;
    switch (type as DequantizableType) {
      case 'F32': y[o] = view.getFloat32(at, true); break;
      case 'F16': y[o] = half(bytes, at); break;
      case 'BF16': y[o] = bf16ToF32(bytes[at]! | (bytes[at + 1]! << 8)); break;
      case 'Q8_0': {
        const d = half(bytes, at);
        for (let l = 0; l < 32; l++) y[o + l] = d * ((bytes[at + 2 + l]! << 24) >> 24);
        break;
      }
      case 'Q4_K': q4k(bytes, at, y, o); break;
      case 'Q5_K': q5k(bytes, at, y, o); break;
      case 'Q6_K': q6k(bytes, at, y, o); break;
    }
  }
  return y;
}
