import type { SourceDtype } from './chatglm2-tensor-plan';

// The safetensors layout: an 8-byte little-endian header length, a JSON header mapping tensor names to
// dtype, shape and [begin, end) byte offsets into the data that follows. Hand-written because the
// format is that small and the npm readers load whole files into memory.

/** One tensor's place in a safetensors file, with offsets made absolute. */
export interface SafetensorsEntry {
  name: string;
  dtype: SourceDtype;
  shape: number[];
  start: number;
  end: number;
}

const DTYPE_BYTES: Record<SourceDtype, number> = { BF16: 2, F16: 2, F32: 4 };

/** Longest header accepted: real ones are tens of kilobytes; this stops a damaged length early. */
export const MAX_SAFETENSORS_HEADER = 100 * 1024 * 1024;

/** Reads the header length from the first 8 bytes. */
export function safetensorsHeaderLength(first8: Uint8Array): number {
  if (first8.byteLength < 8) throw new Error('too short to be a safetensors file');
  const n = Number(new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true));
  if (n < 2 || n > MAX_SAFETENSORS_HEADER) throw new Error(`not a safetensors file (header length ${n})`);
  return n;
}

/** Parses the JSON header; `fileSize` lets it name a truncated file before any tensor is read. */
export function parseSafetensorsHeader(json: string, headerLength: number, fileSize: number): SafetensorsEntry[] {
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(json) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`damaged safetensors header (${(error as Error).message})`, { cause: error });
  }
  const base = 8 + headerLength;
  const entries: SafetensorsEntry[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const v = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype = String(v.dtype);
    if (!(dtype in DTYPE_BYTES)) throw new Error(`tensor "${name}" has dtype ${dtype}; only BF16, F16 and F32 weights can be converted`);
    const shape = v.shape;
    const offsets = v.data_offsets;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) throw new Error(`tensor "${name}" has no valid shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new Error(`tensor "${name}" has no valid data_offsets`);
    }
    const [begin, end] = offsets as [number, number];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== count * DTYPE_BYTES[dtype as SourceDtype]) throw new Error(`tensor "${name}": data_offsets do not match its shape and dtype`);
    if (base + end > fileSize) throw new Error(`truncated: tensor "${name}" ends at byte ${base + end} but the file has ${fileSize} bytes`);
    entries.push({ name, dtype: dtype as SourceDtype, shape: shape as number[], start: base + begin, end: base + end });
  }
  return entries;
}

/** A tensor to describe in a header: its data follows in this order, contiguous and little-endian. */
export interface SafetensorsTensorHeader {
  name: string;
  dtype: SourceDtype;
  shape: readonly number[];
}

/** Bytes of one tensor's data. */
export function safetensorsTensorBytes(t: SafetensorsTensorHeader): number {
  return t.shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[t.dtype];
}

/**
 * The first bytes of a file holding `tensors` in order: the 8-byte length and the JSON header, padded
 * with spaces to a multiple of 8 as the reference writer does (so every tensor starts aligned).
 */
export function encodeSafetensorsHeader(tensors: readonly SafetensorsTensorHeader[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt', ...metadata } };
  let offset = 0;
  for (const t of tensors) {
    if (t.name in header) throw new Error(`tensor "${t.name}" appears twice`);
    const size = safetensorsTensorBytes(t);
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8;
  const out = new Uint8Array(8 + padded).fill(0x20, 8 + json.byteLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  return out;
}
