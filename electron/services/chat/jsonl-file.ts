import { appendFile, open, readFile, truncate, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import { jsonlLine, parseJsonl } from '../../../shared/chat/jsonl';
import { formatIssues } from '../../../shared/validation/format-issues';
import { writeFileAtomic } from '../fs/atomic-write';
import { FileError, namingFile } from '../fs/file-error';
import { writeAll } from '../fs/write-all';
import { libraryLabel, realPathInside } from '../paths/library-path';

// Append-only JSONL on disk, under the library `root` (every path goes through the real-path check, so a
// link cannot lead a read, an append or a truncate outside). Appends are fsynced one batch at a time and
// are all or nothing: a failed append (disk full, I/O error) cuts the file back to where it was. A torn
// last line left by a crash is moved aside (kept in `<file>.torn`, never deleted) and cut off before the
// next append, so the file stays readable line by line. Damaged lines elsewhere are reported by number.

/** The records of a JSONL file that pass `schema`, and what was wrong with the others. */
export interface JsonlRead<T> {
  records: T[];
  problems: string[];
}

/** Reads and validates every line; a missing file has no records. Recovers a torn last line first. */
export async function readJsonl<S extends z.ZodType>(root: string, path: string, schema: S): Promise<JsonlRead<z.output<S>>> {
  const file = await realPathInside(root, path);
  const label = libraryLabel(root, path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], problems: [] };
    throw new FileError(label, error);
  }
  const parsed = parseJsonl(text);
  const problems = parsed.bad.map((b) => `${basename(path)} line ${b.line}: ${b.reason}`);
  if (parsed.torn) {
    const torn = parsed.torn;
    const tornFile = await realPathInside(root, `${path}.torn`);
    await namingFile(`${label}.torn`, () => writeFile(tornFile, `${torn.text}\n`, { flag: 'a' }));
    await namingFile(label, () => truncate(file, Buffer.byteLength(text.slice(0, torn.keepChars), 'utf8')));
    problems.push(`${basename(path)}: an unfinished last line (the studio stopped while writing it) was set aside in ${basename(path)}.torn`);
  } else if (text !== '' && !text.endsWith('\n')) {
    // A complete last line without its newline: add it, so the next append starts a line of its own.
    await namingFile(label, () => appendFile(file, '\n'));
  }
  const records: z.output<S>[] = [];
  for (const { line, value } of parsed.entries) {
    const result = schema.safeParse(value);
    if (result.success) records.push(result.data);
    else problems.push(`${basename(path)} line ${line}: ${formatIssues(result.error)}`);
  }
  return { records, problems };
}

/**
 * Appends records as lines and fsyncs, so a line reported written survives a crash. On any failure the
 * file is cut back to its length before the append and a FileError naming it is thrown: the caller was
 * told nothing was saved, so nothing half-saved may stay behind to be read later as a torn line.
 */
export async function appendJsonl(root: string, path: string, records: readonly unknown[]): Promise<void> {
  const file = await realPathInside(root, path);
  const label = libraryLabel(root, path);
  const handle = await namingFile(label, () => open(file, 'a'));
  let sizeBefore: number | null = null;
  try {
    sizeBefore = (await handle.stat()).size;
    await writeAll(handle, records.map(jsonlLine).join(''));
    await handle.sync();
  } catch (error) {
    if (sizeBefore !== null) await cutBack(handle, sizeBefore);
    throw new FileError(label, error);
  } finally {
    await handle.close();
  }
}

/** Restores the length before a failed append; cutting never needs free space, so this normally works. */
async function cutBack(handle: Awaited<ReturnType<typeof open>>, size: number): Promise<void> {
  try {
    await handle.truncate(size);
    await handle.sync();
  } catch {
    // Nothing more can be done here; the next read sets the unfinished line aside as torn.
  }
}

/** Replaces a whole JSONL file atomically (editing or deleting one line of a small file). */
export async function rewriteJsonl(root: string, path: string, records: readonly unknown[]): Promise<void> {
  await writeFileAtomic(await realPathInside(root, path), records.map(jsonlLine).join(''));
}
