import { randomBytes } from 'node:crypto';
import { zipToBuffer } from './zip-write';

// Hostile archives for the safety tests. yazl refuses to write unsafe names, so the zip-slip files are
// written with a harmless name of the same length and the name bytes are patched afterwards (in the
// local header and the central directory alike), which is exactly what an attacker's tool produces.

function patchName(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('patched names must keep their length');
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  let at = out.indexOf(needle);
  while (at !== -1) {
    out.write(to, at);
    at = out.indexOf(needle, at + needle.length);
  }
  return out;
}

/** An entry named `../escaped.txt` beside a harmless card.json. */
export async function zipSlipArchive(): Promise<Buffer> {
  const zip = await zipToBuffer([{ path: 'card.json', data: Buffer.from('{}') }, { path: 'xx/escaped.txt', data: Buffer.from('pwned') }]);
  return patchName(zip, 'xx/escaped.txt', '../escaped.txt');
}

/** An entry with an absolute name `/tmp/abs.txt`. */
export async function absolutePathArchive(): Promise<Buffer> {
  const zip = await zipToBuffer([{ path: 'xtmp/abs.txt', data: Buffer.from('pwned') }]);
  return patchName(zip, 'xtmp/abs.txt', '/tmp/abs.txt');
}

/** 64 MiB of zeros deflated to a few dozen KiB. */
export async function zipBombArchive(): Promise<Buffer> {
  return zipToBuffer([{ path: 'card.json', data: Buffer.from('{}') }, { path: 'assets/bomb.bin', data: Buffer.alloc(64 * 1024 * 1024) }]);
}

/** One incompressible entry of `bytes` bytes. */
export async function hugeEntryArchive(bytes: number): Promise<Buffer> {
  return zipToBuffer([{ path: 'assets/huge.png', data: randomBytes(bytes) }]);
}

/** `count` tiny entries. */
export async function manyEntriesArchive(count: number): Promise<Buffer> {
  return zipToBuffer(Array.from({ length: count }, (_, i) => ({ path: `f${i}.txt`, data: Buffer.from(String(i)) })));
}
