import { basename, relative, sep } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { isInside, realPathWithin } from './confine';

// Folders inside the library can hold links (a synced folder, a hand-made shortcut, a stranger's
// archive unpacked by another tool). Reading through one could send an outside file back over the wire;
// writing or truncating through one would change a file the studio does not own. So every file the
// studio reads or writes under the library is resolved here first, and a link that leads out is refused.

/** How messages name a file under `root`: the root folder's name and the path below it (`characters/abc/chats/c1.jsonl`). */
export function libraryLabel(root: string, target: string): string {
  const below = relative(root, target);
  return [basename(root), ...(below === '' ? [] : below.split(sep))].join('/');
}

/**
 * Where `target` (an absolute path under `root`) really is on disk; a link that stays inside `root` is
 * followed, one that leads out (dangling or not) is refused with an error naming the file.
 */
export async function realPathInside(root: string, target: string): Promise<string> {
  if (!isInside(root, target)) throw new StudioError('invalid_input', `${libraryLabel(root, target)} is not inside the library`);
  const real = await realPathWithin(root, target);
  if (real === null) throw new StudioError('bad_file', `${libraryLabel(root, target)} leads outside the library through a link`);
  return real;
}
