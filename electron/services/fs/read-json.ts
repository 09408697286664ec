import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { studioErrorAt } from '../../../shared/contract/errors';
import { formatIssues } from '../../../shared/validation/format-issues';

/** Reads and validates a JSON file; a missing file yields `fallback`, a broken one a named error. */
export async function readJsonFile<S extends z.ZodType>(path: string, schema: S, fallback: z.output<S>): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw studioErrorAt('bad_file', { file: path }, `${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw studioErrorAt('bad_file', { file: path }, `${path}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}
