import { readFile } from 'node:fs/promises';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import { jsonTextDepthProblem } from '../../../shared/validation/bounded-json';
import type { ExtractedEntry } from './zip-extract';

// The few archive entries the studio reads itself (card.json, manifests, metadata) are read back from
// their unpacked file, and only after their size is checked against a small cap: everything else
// stays on disk and is moved into the character's folder as it is.

/** The text of an unpacked entry of at most `maxBytes`; the error names `source` and the entry. */
export async function readExtracted(entry: ExtractedEntry, maxBytes: number, source: string): Promise<string> {
  if (entry.size > maxBytes) throw new StudioError('bad_file', `${source}: ${entry.path} is ${formatBytes(entry.size)}; at most ${formatBytes(maxBytes)} is read`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await readFile(entry.file));
  } catch (error) {
    if (error instanceof TypeError) throw new StudioError('bad_file', `${source}: ${entry.path} is not UTF-8 text`);
    throw error;
  }
}

// Manifests are flat lists; nothing the studio writes nests anywhere near this.
const MAX_DEPTH = 32;

/** Parses JSON text of a file the studio wrote (`what` names it), refusing deep or broken text via `bad`. */
export function parseJsonText(text: string, bad: (problem: string) => Error, what: string): unknown {
  const deep = jsonTextDepthProblem(text, MAX_DEPTH);
  if (deep) throw bad(`${what} is ${deep}`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw bad(`${what} is not valid JSON (${(error as Error).message})`);
  }
}
