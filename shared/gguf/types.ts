// GGUF value and tensor types as numbered by the GGUF v3 spec (ggml/docs/gguf.md).

/** Metadata value types; the numbers are the on-disk tags. */
export const GgufValueType = {
  u8: 0, i8: 1, u16: 2, i16: 3, u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9, u64: 10, i64: 11, f64: 12,
} as const;
export type GgufScalarKind = Exclude<keyof typeof GgufValueType, 'array'>;

/** One metadata value with its exact on-disk type, so writers never guess widths. */
export type GgufValue =
  | { kind: Exclude<GgufScalarKind, 'string' | 'bool' | 'u64' | 'i64'>; value: number }
  | { kind: 'u64' | 'i64'; value: bigint | number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'array'; of: Exclude<GgufScalarKind, 'u64' | 'i64'>; value: ArrayLike<number> | readonly string[] | readonly boolean[] };

/** ggml tensor types the studio reads or writes. */
export const GgmlType = { F32: 0, F16: 1, Q4_0: 2, Q8_0: 8, Q4_K: 12, Q6_K: 14, BF16: 30 } as const;
export type GgmlTypeName = keyof typeof GgmlType;

/** Bytes per block and values per block of each tensor type (ggml's type traits). */
export const ggmlTypeLayout: Record<GgmlTypeName, { blockValues: number; blockBytes: number }> = {
  F32: { blockValues: 1, blockBytes: 4 },
  F16: { blockValues: 1, blockBytes: 2 },
  BF16: { blockValues: 1, blockBytes: 2 },
  Q4_0: { blockValues: 32, blockBytes: 18 },
  Q8_0: { blockValues: 32, blockBytes: 34 },
  Q4_K: { blockValues: 256, blockBytes: 144 },
  Q6_K: { blockValues: 256, blockBytes: 210 },
};

/** A tensor's header entry; `dims` in ggml order (innermost, i.e. row length, first). */
export interface GgufTensorInfo {
  name: string;
  dims: readonly number[];
  type: GgmlTypeName;
}

/** Byte size of a tensor's data. */
export function ggmlTensorBytes(info: Pick<GgufTensorInfo, 'dims' | 'type'>): number {
  const layout = ggmlTypeLayout[info.type];
  const count = info.dims.reduce((a, b) => a * b, 1);
  if (count % layout.blockValues !== 0) {
    throw new Error(`tensor of ${count} values is not a whole number of ${info.type} blocks`);
  }
  return (count / layout.blockValues) * layout.blockBytes;
}

/** Shorthands that keep metadata tables readable. */
export const gv = {
  u32: (value: number): GgufValue => ({ kind: 'u32', value }),
  i32: (value: number): GgufValue => ({ kind: 'i32', value }),
  f32: (value: number): GgufValue => ({ kind: 'f32', value }),
  bool: (value: boolean): GgufValue => ({ kind: 'bool', value }),
  str: (value: string): GgufValue => ({ kind: 'string', value }),
  strings: (value: readonly string[]): GgufValue => ({ kind: 'array', of: 'string', value }),
  f32s: (value: ArrayLike<number>): GgufValue => ({ kind: 'array', of: 'f32', value }),
  i32s: (value: ArrayLike<number>): GgufValue => ({ kind: 'array', of: 'i32', value }),
};
