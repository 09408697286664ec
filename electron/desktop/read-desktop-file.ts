import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DesktopFile } from '../../shared/contract/domains/desktop';
import { MAX_DESKTOP_FILE_BYTES } from '../../shared/desktop/file-kinds';
import { formatBytes } from '../../shared/text/format-bytes';

/**
 * Reads a file the user picked (or the system handed over) for the UI. Problems come back as the
 * file's `error`, naming the file, so one unreadable file never hides the others.
 */
export async function readDesktopFile(path: string, maxBytes = MAX_DESKTOP_FILE_BYTES): Promise<DesktopFile> {
  const name = basename(path);
  try {
    const info = await stat(path);
    if (!info.isFile()) return { name, size: 0, error: `${name} is not a file` };
    if (info.size > maxBytes) {
      return { name, size: info.size, error: `${name} is ${formatBytes(info.size)}, more than the ${formatBytes(maxBytes)} the studio opens at once` };
    }
    const bytes = await readFile(path);
    return { name, size: bytes.length, dataBase64: bytes.toString('base64') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist (moved or deleted?)' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${(error as Error).message})`;
    return { name, size: 0, error: `${name} ${why}` };
  }
}
