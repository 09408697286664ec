import { appendFile, open, readFile, truncate, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import { jsonlLine, parseJsonl } from '../../../shared/chat/jsonl';
import { formatIssues } from '../../../shared/validation/format-issues';
import { writeFileAtomic } from '../fs/atomic-write';

// Append-only JSONL on disk. Appends are fsynced one line at a time; a torn last line left by a crash is
// moved aside (kept in `<file>.torn`, never deleted) and cut off before the next append, so the file stays
// readable line by line. Damaged lines elsewhere are reported by number and left in place.

/** The records of a JSONL file that pass `schema`, and what was wrong with the others. */
export interface JsonlRead<T> {
  records: T[];
  problems: string[];
}

/** Reads and validates every line; a missing file has no records. Recovers a torn last line first. */
export async function readJsonl<S extends z.ZodType>(path: string, schema: S): Promise<JsonlRead<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], problems: [] };
    throw error;
  }
  const parsed = parseJsonl(text);
  const problems = parsed.bad.map((b) => `${basename(path)} line ${b.line}: ${b.reason}`);
  if (parsed.torn) {
    await writeFile(`${path}.torn`, `${parsed.torn.text}\n`, { flag: 'a' });
    await truncate(path, Buffer.byteLength(text.slice(0, parsed.torn.keepChars), 'utf8'));
    problems.push(`${basename(path)}: an unfinished last line (the studio stopped while writing it) was set aside in ${basename(path)}.torn`);
  } else if (text !== '' && !text.endsWith('\n')) {
    // A complete last line without its newline: add it, so the next append starts a line of its own.
    await appendFile(path, '\n');
  }
  const records: z.output<S>[] = [];
  for (const { line, value } of parsed.entries) {
    const result = schema.safeParse(value);
    if (result.success) records.push(result.data);
    else problems.push(`${basename(path)} line ${line}: ${formatIssues(result.error)}`);
  }
  return { records, problems };
}

/** Appends records as lines and fsyncs, so a line reported written survives a crash. */
export async function appendJsonl(path: string, records: readonly unknown[]): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await handle.write(records.map(jsonlLine).join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces a whole JSONL file atomically (editing or deleting one line of a small file). */
export async function rewriteJsonl(path: string, records: readonly unknown[]): Promise<void> {
  await writeFileAtomic(path, records.map(jsonlLine).join(''));
}
