import { open, stat } from 'node:fs/promises';
import { StudioError } from '../../../../shared/contract/errors';
import { formatBytes } from '../../../../shared/text/format-bytes';
import type { ImportSource } from './character-importer';

// A file offered for import is either bytes that came whole (a small file sent in one message) or a
// file on disk (an upload assembled in pieces, a path on the CLI). Importers of archives stream the
// file; importers of text formats read it whole, and only when it is small enough to be text.

/** Where an imported file's bytes are. */
export type FileInput = { bytes: Uint8Array } | { file: string };

/** The most an importer reads whole (JSON, PNG cards); also how much of the file `head` holds. */
export const WHOLE_READ_BYTES = 32 * 1024 * 1024;

async function readHead(file: string, length: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The source for `input`: its size and its first bytes (all of it when at most WHOLE_READ_BYTES). */
export async function importSource(fileName: string, input: FileInput): Promise<ImportSource> {
  if ('bytes' in input) return { fileName, input, size: input.bytes.length, head: input.bytes.subarray(0, WHOLE_READ_BYTES) };
  let size: number;
  try {
    const info = await stat(input.file);
    if (!info.isFile()) throw new StudioError('invalid_input', `${fileName}: not a file`);
    size = info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('not_found', `${fileName}: no such file`);
    throw error;
  }
  return { fileName, input, size, head: await readHead(input.file, Math.min(size, WHOLE_READ_BYTES)) };
}

/** The whole file, for formats read whole; refused by name when larger than `maxBytes`. */
export function wholeFile(source: ImportSource, maxBytes: number, what = 'the file'): Uint8Array {
  const limit = Math.min(maxBytes, WHOLE_READ_BYTES);
  if (source.size > limit) throw new StudioError('bad_file', `${source.fileName}: ${what} is ${formatBytes(source.size)}; at most ${formatBytes(limit)} is read`);
  return source.head;
}
