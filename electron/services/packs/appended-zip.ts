import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { FileInput } from '../characters/importers/import-source';

// RisuAI's "CharX Embedded Jpeg" export is a JPEG with a CHARX appended (other tools do the same with
// a PNG): the image shows in any viewer, the zip sits behind it. Its offsets count from the zip's own
// start, so a zip reader that trusts them reads the image instead. The start is found from the end of
// central directory record: it says how long the central directory is and where it should begin.

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_BYTES = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_MARK = 0xffffffff;

async function tail(input: FileInput, size: number, length: number): Promise<Uint8Array> {
  if ('bytes' in input) return input.bytes.subarray(size - length);
  const handle = await open(input.file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, size - length);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Where the zip archive at the end of a file begins: 0 for a plain zip (or one whose offsets count
 * from the file's start), the length of what precedes it otherwise; null when the file does not end
 * with a zip's end record.
 */
export async function zipStart(input: FileInput, size: number): Promise<number | null> {
  const bytes = await tail(input, size, Math.min(size, EOCD_BYTES + MAX_COMMENT));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = bytes.length - EOCD_BYTES; at >= 0; at--) {
    if (view.getUint32(at, true) !== EOCD_SIGNATURE) continue;
    // The record's comment must reach exactly to the end, or these four bytes are not the record.
    if (at + EOCD_BYTES + view.getUint16(at + 20, true) !== bytes.length) continue;
    const directorySize = view.getUint32(at + 12, true);
    const directoryOffset = view.getUint32(at + 16, true);
    // A zip64 archive keeps its offsets elsewhere; the studio writes none, and yauzl reads it as it is.
    if (directoryOffset === ZIP64_MARK) return 0;
    const start = size - bytes.length + at - directorySize - directoryOffset;
    return Math.max(0, start);
  }
  return null;
}

/** Reads a file as if it began at `start`: the zip appended to an image, for yauzl. */
export class OffsetFileReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly file: string,
    private readonly start: number,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream(this.file, { start: this.start + start, end: this.start + end - 1 });
  }
}
