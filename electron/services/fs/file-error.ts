import { basename, dirname, join } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';

// The operating system says `ENOSPC: no space left on device, write` and names no file. Users need to
// know which file and what to do about it, so file errors are rewrapped with the file's name and the
// cause in plain words; the original error stays on `cause` for logs and code that checks it.

const PLAIN_CAUSES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is larger than the disk allows',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  EIO: 'the disk reported a read or write error',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a file is in the way of its folder',
  EISDIR: 'a folder is in the way',
  EMFILE: 'too many files are open',
  EBUSY: 'the file is in use by another program',
};

/** The OS error code (`ENOSPC`…) of a thrown value, if it has one. */
export function osErrorCode(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null;
}

/** What went wrong, in plain words, with the OS code in brackets: `the disk is full (ENOSPC)`. */
export function plainCause(error: unknown): string {
  const code = osErrorCode(error);
  if (code && PLAIN_CAUSES[code]) return `${PLAIN_CAUSES[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** A short name for a file in messages when no library root is at hand: its last two folders and its name. */
export function shortFileLabel(path: string): string {
  return join(basename(dirname(dirname(path))), basename(dirname(path)), basename(path)).split(/[\\/]/).join('/');
}

/** A failed read or write, naming the file (`characters/abc/chats/c1.jsonl: the disk is full (ENOSPC)`). */
export class FileError extends StudioError {
  /** The cause in plain words, for callers that phrase their own message (`chat "…": …`). */
  readonly reason: string;
  /** The OS error code, or null (a short write has none). */
  readonly osCode: string | null;

  constructor(readonly file: string, cause: unknown) {
    const reason = plainCause(cause);
    super('failed', `${file}: ${reason}`);
    this.name = 'FileError';
    this.reason = reason;
    this.osCode = osErrorCode(cause);
    this.cause = cause;
  }
}

/** A write the disk took only part of without saying why (it says ENOSPC on the next try, if ever). */
export class ShortWriteError extends Error {
  constructor(written: number, total: number) {
    super(`the disk accepted only ${written} of ${total} bytes`);
    this.name = 'ShortWriteError';
  }
}

/** Rethrows OS errors and short writes of `work` as a FileError naming `file`; other errors pass through. */
export async function namingFile<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StudioError || (osErrorCode(error) === null && !(error instanceof ShortWriteError))) throw error;
    throw new FileError(file, error);
  }
}
