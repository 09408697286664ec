import type { FileHandle } from 'node:fs/promises';
import { ShortWriteError } from './file-error';

/**
 * Writes every byte of `data` at the handle's position. One `write` call may take only part of the
 * bytes (a nearly full disk does that before it says ENOSPC), so this loops until all are written.
 */
export async function writeAll(handle: FileHandle, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
    if (bytesWritten === 0) throw new ShortWriteError(offset, bytes.byteLength);
    offset += bytesWritten;
  }
}
