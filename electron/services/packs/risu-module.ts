import { open } from 'node:fs/promises';
import { isPlainObject } from '../../../shared/cards/lenient';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import { jsonTextDepthProblem } from '../../../shared/validation/bounded-json';

// RisuAI's CHARX export moves a character's regex and trigger scripts out of card.json into
// `module.risum`, and puts them back into `extensions.risuai` when it imports the file; its PNG export
// keeps them in `extensions.risuai`. The studio reads them the same way, so a character imported from
// a RisuAI CHARX keeps its scripts in every export.
//
// The module format, as RisuAI's exportModule writes it: byte 111, byte 0 (version), a little-endian
// uint32 length, then that many bytes of `{"module": {...}, "type": "risuModule"}` JSON passed through
// RPack (a fixed byte-for-byte substitution), then the module's assets, which are not read here.

// RPack's decoding table: byte b of the file stands for DECODE[b]. Observed by running RisuAI's own
// encoder over the 256 byte values; it is a property of the file format (no code of RisuAI's is used).
const DECODE = Buffer.from(
  '2cf7848bc965fbb69faeb3032d0169741fe4a3ecee5c3421934a0f6ae262029e229cfd3cfc71c7c6ad596705706d8a4412fa24865fafd17a47cefe5063dd5106' +
    '6f18e052a8099d56734cb8536cc3a00e19cf3e0d7e07326846ea48f9992eaba449205e5535380cbcd3b1581679280a1ae1f2cdc439dba2ba6072767d95ef7fc8' +
    'c0de3794bfb51481922545ace7f566a72b365ac113e34b3ae88d831b7c27b09a42eb87aadc548e7826d25729d4b7f82f8f8975f04177c21effd81511e5049717' +
    'f331d09b00d7cab44f2a3bd9b26bda5da13f3061bd913d4ee6dfbe4d828c1d23109864f485337b9043bba988f1d6a51cf6cc6eb95b0b96edd5e9c5cb08a68040',
  'hex',
);

const MAGIC = 111;
const HEADER_BYTES = 6;
const MAX_DEPTH = 64;

/** RPack-encodes bytes (the inverse of the table above); for writing modules in tests. */
export function encodeRPack(bytes: Uint8Array): Uint8Array {
  const encode = new Uint8Array(256);
  DECODE.forEach((plain, coded) => (encode[plain] = coded));
  return bytes.map((b) => encode[b]!);
}

/** The scripts a module carries, in RisuAI's own shapes (passed through untouched). */
export interface RisuModuleScripts {
  trigger?: unknown[];
  regex?: unknown[];
}

/** Reads the scripts of a `module.risum` file of at most `maxJsonBytes` of module JSON; throws naming `what`. */
export async function readRisuModuleScripts(file: string, maxJsonBytes: number, what: string): Promise<RisuModuleScripts> {
  const bad = (problem: string) => new StudioError('bad_file', `${what}: ${problem}`);
  const handle = await open(file, 'r');
  let main: Buffer;
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES || header[0] !== MAGIC) throw bad('not a RisuAI module (wrong magic byte)');
    if (header[1] !== 0) throw bad(`RisuAI module version ${header[1]} is not one the studio reads`);
    const length = header.readUInt32LE(2);
    if (length > maxJsonBytes) throw bad(`the module's data is ${formatBytes(length)}; at most ${formatBytes(maxJsonBytes)} is read`);
    main = Buffer.alloc(length);
    const read = await handle.read(main, 0, length, HEADER_BYTES);
    if (read.bytesRead < length) throw bad('the module is truncated');
  } finally {
    await handle.close();
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(main.map((b) => DECODE[b]!));
  } catch {
    throw bad("the module's data is not UTF-8 text once decoded");
  }
  const deep = jsonTextDepthProblem(text, MAX_DEPTH);
  if (deep) throw bad(deep);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw bad(`the module's data is not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(parsed) || parsed.type !== 'risuModule' || !isPlainObject(parsed.module)) throw bad('not a RisuAI module (no "risuModule" record)');
  const { trigger, regex } = parsed.module;
  return { ...(Array.isArray(trigger) ? { trigger } : {}), ...(Array.isArray(regex) ? { regex } : {}) };
}
