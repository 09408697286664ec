import { mkdir, statfs } from 'node:fs/promises';
import { StudioError } from '../../../shared/contract/errors';
import { modelProblemText, type ModelProblem } from '../../../shared/models/model-problem';

/** The named disk-full error, for the free-space check and for a write that hit ENOSPC. */
export function diskFullError(what: string, neededBytes: number, freeBytes: number, dir: string): StudioError {
  const problem: ModelProblem = { kind: 'disk-full', what, neededBytes, freeBytes, dir };
  return new StudioError('failed', modelProblemText(problem), problem);
}

/** Bytes free for this user on the disk holding `dir` (created first). */
export async function freeSpace(dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const s = await statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/** Refuses to start work that would fill the disk holding `dir`, before a byte is written. */
export async function ensureFreeSpace(dir: string, bytes: number, what: string): Promise<void> {
  const free = await freeSpace(dir);
  if (free < bytes) throw diskFullError(what, bytes, free, dir);
}
