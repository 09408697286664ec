import { GgmlType, GgufValueType, ggmlTensorBytes, type GgufTensorInfo, type GgufValue } from './types';

// Hand-written because no maintained npm package writes GGUF (the @huggingface/gguf package only reads);
// the format is small and fully specified in ggml/docs/gguf.md.

export const GGUF_MAGIC = 0x46554747; // "GGUF" little-endian
export const GGUF_VERSION = 3;
export const GGUF_DEFAULT_ALIGNMENT = 32;

/** Where each tensor's data starts, relative to the start of the data section. */
export interface GgufLayout {
  header: Uint8Array;
  tensorOffsets: number[];
  dataBytes: number;
}

const utf8 = new TextEncoder();

class ByteSink {
  private chunks: Uint8Array[] = [];
  private scratch = new DataView(new ArrayBuffer(8));
  length = 0;

  bytes(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  private fixed(n: number, write: (v: DataView) => void): void {
    write(this.scratch);
    this.bytes(new Uint8Array(this.scratch.buffer.slice(0, n)));
  }
  u8(v: number): void { this.fixed(1, (d) => d.setUint8(0, v)); }
  i8(v: number): void { this.fixed(1, (d) => d.setInt8(0, v)); }
  u16(v: number): void { this.fixed(2, (d) => d.setUint16(0, v, true)); }
  i16(v: number): void { this.fixed(2, (d) => d.setInt16(0, v, true)); }
  u32(v: number): void { this.fixed(4, (d) => d.setUint32(0, v, true)); }
  i32(v: number): void { this.fixed(4, (d) => d.setInt32(0, v, true)); }
  f32(v: number): void { this.fixed(4, (d) => d.setFloat32(0, v, true)); }
  f64(v: number): void { this.fixed(8, (d) => d.setFloat64(0, v, true)); }
  u64(v: bigint | number): void { this.fixed(8, (d) => d.setBigUint64(0, BigInt(v), true)); }
  i64(v: bigint | number): void { this.fixed(8, (d) => d.setBigInt64(0, BigInt(v), true)); }
  string(s: string): void {
    const b = utf8.encode(s);
    this.u64(b.length);
    this.bytes(b);
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function writeScalar(sink: ByteSink, kind: Exclude<GgufValue['kind'], 'array'>, value: unknown): void {
  switch (kind) {
    case 'u8': return sink.u8(value as number);
    case 'i8': return sink.i8(value as number);
    case 'u16': return sink.u16(value as number);
    case 'i16': return sink.i16(value as number);
    case 'u32': return sink.u32(value as number);
    case 'i32': return sink.i32(value as number);
    case 'f32': return sink.f32(value as number);
    case 'f64': return sink.f64(value as number);
    case 'u64': return sink.u64(value as bigint | number);
    case 'i64': return sink.i64(value as bigint | number);
    case 'bool': return sink.u8(value ? 1 : 0);
    case 'string': return sink.string(value as string);
  }
}

function writeValue(sink: ByteSink, v: GgufValue): void {
  sink.u32(GgufValueType[v.kind]);
  if (v.kind !== 'array') return writeScalar(sink, v.kind, v.value);
  sink.u32(GgufValueType[v.of]);
  sink.u64(v.value.length);
  for (let i = 0; i < v.value.length; i++) writeScalar(sink, v.of, v.value[i]);
}

const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;

/** Encodes the GGUF header (metadata + tensor table, padded) and computes where tensor data goes. */
export function encodeGgufHeader(
  metadata: Record<string, GgufValue>,
  tensors: readonly GgufTensorInfo[],
): GgufLayout {
  const alignmentValue = metadata['general.alignment'];
  const alignment = alignmentValue && alignmentValue.kind === 'u32' ? alignmentValue.value : GGUF_DEFAULT_ALIGNMENT;
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(tensors.length);
  sink.u64(Object.keys(metadata).length);
  for (const [key, value] of Object.entries(metadata)) {
    sink.string(key);
    writeValue(sink, value);
  }
  const tensorOffsets: number[] = [];
  let offset = 0;
  for (const t of tensors) {
    sink.string(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(GgmlType[t.type]);
    sink.u64(offset);
    tensorOffsets.push(offset);
    offset = alignUp(offset + ggmlTensorBytes(t), alignment);
  }
  const padding = alignUp(sink.length, alignment) - sink.length;
  sink.bytes(new Uint8Array(padding));
  return { header: sink.concat(), tensorOffsets, dataBytes: offset };
}

/** Zero bytes needed after a tensor of `bytes` so the next one starts aligned. */
export function ggufPadding(bytes: number, alignment = GGUF_DEFAULT_ALIGNMENT): number {
  return alignUp(bytes, alignment) - bytes;
}
