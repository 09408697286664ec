import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import yazl from 'yazl';

// Writes a PyTorch-style `.bin` (torch.save's zip layout: `<archive>/data.pkl`, one stored entry per
// storage under `<archive>/data/`, `<archive>/version`) with the pickle opcodes torch emits for a
// state dict (protocol 2), so the restricted reader is tested against the real layout. The `extra`
// hook lets a test splice in opcodes a hostile file would use.

/** One tensor with its data already encoded. */
export interface TorchTensor {
  name: string;
  storage: 'BFloat16Storage' | 'HalfStorage' | 'FloatStorage' | 'LongStorage';
  shape: number[];
  bytes: Uint8Array;
}

class PickleWriter {
  private parts: number[] = [];
  private memo = 0;
  op(...bytes: number[]): this { this.parts.push(...bytes); return this; }
  put(): this {
    const m = this.memo++;
    return m < 256 ? this.op(0x71, m) : this.op(0x72, m & 0xff, (m >> 8) & 0xff, (m >> 16) & 0xff, m >>> 24);
  }
  str(s: string): this {
    const b = Buffer.from(s, 'utf8');
    this.op(0x58, b.length & 0xff, (b.length >> 8) & 0xff, (b.length >> 16) & 0xff, b.length >>> 24);
    this.parts.push(...b);
    return this.put();
  }
  global(module: string, name: string): this {
    this.op(0x63);
    this.parts.push(...Buffer.from(`${module}\n${name}\n`));
    return this.put();
  }
  int(n: number): this {
    if (n >= 0 && n < 256) return this.op(0x4b, n);
    if (n >= 0 && n < 65536) return this.op(0x4d, n & 0xff, n >> 8);
    return this.op(0x4a, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
  }
  tuple(items: number[]): this {
    if (items.length === 0) return this.op(0x29);
    if (items.length <= 3) {
      for (const i of items) this.int(i);
      return this.op([0x85, 0x86, 0x87][items.length - 1]!).put();
    }
    this.op(0x28);
    for (const i of items) this.int(i);
    return this.op(0x74).put();
  }
  bytes(): Uint8Array { return Uint8Array.from(this.parts); }
}

function stridesOf(shape: number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** The pickle torch.save writes for an OrderedDict state dict of contiguous tensors. */
export function encodeStateDictPickle(tensors: readonly TorchTensor[], extra?: (p: PickleWriter) => void): Uint8Array {
  const p = new PickleWriter();
  p.op(0x80, 2).global('collections', 'OrderedDict').op(0x29, 0x52).put().op(0x28);
  tensors.forEach((t, key) => {
    const numel = t.shape.reduce((a, b) => a * b, 1);
    p.str(t.name).global('torch._utils', '_rebuild_tensor_v2').op(0x28);
    p.op(0x28).str('storage').global('torch', t.storage).str(String(key)).str('cpu').int(numel).op(0x74).put().op(0x51);
    p.int(0).tuple(t.shape).tuple(stridesOf(t.shape)).op(0x89);
    p.global('collections', 'OrderedDict').op(0x29, 0x52).put();
    p.op(0x74).put().op(0x52).put();
  });
  p.op(0x75);
  extra?.(p);
  p.op(0x2e);
  return p.bytes();
}

/** Writes the zip; storages are stored uncompressed, as torch.save does. */
export async function writeTorchBin(path: string, tensors: readonly TorchTensor[], archive = 'archive', extra?: (p: PickleWriter) => void): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(encodeStateDictPickle(tensors, extra)), `${archive}/data.pkl`, { compress: false });
  tensors.forEach((t, key) => zip.addBuffer(Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength), `${archive}/data/${key}`, { compress: false }));
  zip.addBuffer(Buffer.from('3\n'), `${archive}/version`, { compress: false });
  zip.end();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await once(out, 'close');
}

export type { PickleWriter };
