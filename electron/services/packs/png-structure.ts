import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import type { PackLimits } from './pack-limits';

// png-chunks-extract trusts each chunk's length field: a truncated or crafted file makes it allocate
// up to 4 GiB or read past the end. This walk checks the structure first (signature, every chunk
// inside the file, IHDR first, IEND present, image size within the caps) — a few lines no library
// offers on its own — so the library only ever sees a well-formed file.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((v, i) => bytes[i] === v);
}

/** Checks a PNG's framing and size before any parsing; the error names `source` and the problem. */
export function checkPngStructure(bytes: Uint8Array, source: string, limits: PackLimits): { width: number; height: number } {
  if (bytes.length > limits.maxImageBytes) {
    throw new StudioError('bad_file', `${source}: ${formatBytes(bytes.length)} is larger than the ${formatBytes(limits.maxImageBytes)} an image may be`);
  }
  if (!isPng(bytes)) throw new StudioError('bad_file', `${source}: not a PNG image (wrong signature)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let index = 0;
  let size: { width: number; height: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) {
      throw new StudioError('bad_file', `${source}: the PNG is truncated (chunk ${index} "${type}" needs ${length} bytes, ${Math.max(0, bytes.length - offset - 12)} remain)`);
    }
    if (index === 0) {
      if (type !== 'IHDR' || length !== 13) throw new StudioError('bad_file', `${source}: the PNG does not start with an IHDR chunk`);
      size = { width: view.getUint32(offset + 8), height: view.getUint32(offset + 12) };
      if (size.width > limits.maxImageSide || size.height > limits.maxImageSide || size.width === 0 || size.height === 0) {
        throw new StudioError('bad_file', `${source}: the image is ${size.width}×${size.height} pixels (at most ${limits.maxImageSide} per side)`);
      }
    }
    if (type === 'IEND') return size!;
    offset = end;
    index += 1;
  }
  throw new StudioError('bad_file', `${source}: the PNG is truncated (no IEND chunk after ${index} chunks)`);
}
