import { mkdir, statfs } from 'node:fs/promises';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';

/** Refuses to start work that would fill the disk holding `dir`, before a byte is written. */
export async function ensureFreeSpace(dir: string, bytes: number, what: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const s = await statfs(dir);
  const free = Number(s.bavail) * Number(s.bsize);
  if (free < bytes) {
    throw new StudioError('failed', `not enough free disk space for ${what}: needs ${formatBytes(bytes)}, ${formatBytes(free)} free in ${dir}`);
  }
}
