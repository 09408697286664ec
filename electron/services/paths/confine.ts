import { readlink, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep, win32, posix } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';

// Every path that arrives from the renderer (or any other untrusted caller) is a name *inside* a
// folder the studio owns, never a free path. These helpers turn such a name into an absolute path and
// refuse, with a message naming the offending value, anything that would leave the folder: absolute
// paths, drive letters, `..`, NUL bytes, and symlinks that point outside.

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters and the characters Windows forbids in names; refusing them everywhere keeps a
// library portable between machines.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_NAME = /[\u0000-\u001f<>:"/\\|?*]/;
const MAX_NAME_BYTES = 255;

/** True when `candidate` is `root` itself or lies below it (lexically; see `confineReal` for links). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(resolve(root), resolve(candidate));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Why a single file or folder name is unusable, or null when it is fine (used for ids and file names). */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name === '.' || name === '..') return 'is a relative folder reference';
  if (FORBIDDEN_IN_NAME.test(name)) return 'contains a path separator or a character that file names cannot hold';
  if (/[. ]$/.test(name)) return 'ends with a dot or a space';
  if (WINDOWS_RESERVED.test(name)) return 'is a reserved device name on Windows';
  if (new TextEncoder().encode(name).length > MAX_NAME_BYTES) return `is longer than ${MAX_NAME_BYTES} bytes`;
  return null;
}

/** Accepts one plain file name (no folders) or throws a StudioError naming `field`. */
export function assertFileName(name: string, field = 'name'): string {
  const problem = fileNameProblem(name);
  if (problem) throw new StudioError('invalid_input', `${field} "${name}" ${problem}`);
  return name;
}

/** Why a relative path (forward or back slashes) cannot be used under a root, or null. */
function relativePathProblem(path: string): string | null {
  if (path.includes('\0')) return 'contains a NUL byte';
  if (path.length === 0) return 'is empty';
  if (posix.isAbsolute(path) || win32.isAbsolute(path) || /^[a-z]:/i.test(path)) return 'is absolute; only names inside the library are accepted';
  for (const part of path.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') return 'leaves its folder with ".."';
    const problem = fileNameProblem(part);
    if (problem) return `has a part "${part}" that ${problem}`;
  }
  return null;
}

/**
 * Resolves `path` (relative, forward or back slashes) inside `root`, or throws a StudioError naming
 * `field`. Purely lexical: use `confineReal` before touching files that may be symlinks.
 */
export function confine(root: string, path: string, field = 'path'): string {
  const problem = relativePathProblem(path);
  if (problem) throw new StudioError('invalid_input', `${field} "${path}" ${problem}`);
  const target = resolve(root, ...path.split(/[\\/]+/).filter((p) => p !== '' && p !== '.'));
  if (!isInside(root, target)) throw new StudioError('invalid_input', `${field} "${path}" leaves its folder`);
  return target;
}

/** The target of `path` when it is a symlink (dangling ones included), else null. */
async function linkTarget(path: string): Promise<string | null> {
  let link: string;
  try {
    link = await readlink(path);
  } catch {
    return null;
  }
  // Relative to the folder the link really is in, as the kernel reads it (`..` after a folder link).
  return resolve(await realpath(dirname(path)), link);
}

// Dangling links are followed by hand: realpath refuses them, yet opening one for writing creates the
// file it points at, so they must be judged by where they lead, not by where they sit.
const MAX_DANGLING_LINKS = 40;

async function realpathOfDeepestExisting(path: string): Promise<{ real: string; rest: string }> {
  let current = path;
  const rest: string[] = [];
  for (let danglingLinks = 0; ; ) {
    try {
      return { real: await realpath(current), rest: rest.reverse().join(sep) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) throw error;
      const target = await linkTarget(current);
      if (target !== null && ++danglingLinks <= MAX_DANGLING_LINKS) {
        current = target;
        continue;
      }
      if (target !== null) throw error;
      rest.push(current.slice(parent.length).replace(/^[\\/]+/, ''));
      current = parent;
    }
  }
}

/** `path` with every link on its way followed; parts that do not exist yet are kept as they are. */
async function resolveLinks(path: string): Promise<string> {
  const { real, rest } = await realpathOfDeepestExisting(path);
  return rest ? resolve(real, rest) : real;
}

/**
 * Where `target` (absolute) really is once every link on its way is followed, or null when that is not
 * inside the real `root`. A file about to be created is judged by the real folder it will land in.
 */
export async function realPathWithin(root: string, target: string): Promise<string | null> {
  const [realRoot, resolved] = await Promise.all([resolveLinks(root), resolveLinks(target)]);
  return isInside(realRoot, resolved) ? resolved : null;
}

/**
 * Like `confine`, and also follows symlinks: the deepest existing part of the target must really
 * lie inside the real root, so a link planted in the library cannot lead a write outside it.
 */
export async function confineReal(root: string, path: string, field = 'path'): Promise<string> {
  const resolved = await realPathWithin(root, confine(root, path, field));
  if (resolved === null) throw new StudioError('invalid_input', `${field} "${path}" leads outside its folder through a link`);
  return resolved;
}
