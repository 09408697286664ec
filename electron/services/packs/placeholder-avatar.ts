import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import encodeChunks from 'png-chunks-encode';

// A card PNG needs an image to carry its text chunks. For a character without an avatar the studio
// draws a plain gradient whose colours come from the name, so each character's card looks different.
// Encoding one RGB image is a dozen lines with zlib; an image library would be far more than needed.

const SIZE = 256;

function colourFrom(bytes: Buffer, at: number): [number, number, number] {
  // Mid-range channels keep every gradient soft, never black or white.
  return [80 + (bytes[at]! % 140), 80 + (bytes[at + 1]! % 140), 80 + (bytes[at + 2]! % 140)];
}

/** A 256×256 PNG gradient derived from `seed` (the character's name). */
export function placeholderAvatar(seed: string): Uint8Array {
  const hash = createHash('sha256').update(seed).digest();
  const [from, to] = [colourFrom(hash, 0), colourFrom(hash, 3)];
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 3));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 3);
    for (let x = 0; x < SIZE; x++) {
      const t = (x + y) / (2 * (SIZE - 1));
      for (let c = 0; c < 3; c++) rows[row + 1 + x * 3 + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method variants, no interlace
  return encodeChunks([
    { name: 'IHDR', data: header },
    { name: 'IDAT', data: deflateSync(rows) },
    { name: 'IEND', data: new Uint8Array(0) },
  ]);
}
