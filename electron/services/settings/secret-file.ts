import { readFile, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import { StudioError } from '../../../shared/contract/errors';
import { formatIssues } from '../../../shared/validation/format-issues';
import { writeFileAtomic } from '../fs/atomic-write';

// A token or key the user typed into Settings (the model hub's token, a remote server's API key): kept in
// its own owner-only file, never in settings.json and never sent back to the page.

const MAX_SECRET_FILE_BYTES = 4096;

/** Parses `value` with `schema`, or refuses it naming `where`. */
export function checkedSecret<S extends z.ZodType<string>>(schema: S, value: string, where: string): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StudioError('invalid_input', `${where}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

export class SecretFile {
  constructor(
    private readonly file: string,
    private readonly schema: z.ZodType<string>,
    /** What to tell the user to do when the file is unreadable, e.g. "set the token again in Settings". */
    private readonly remedy: string,
  ) {}

  /** The stored value, or null when none is stored. */
  async read(): Promise<string | null> {
    let size: number;
    try {
      size = (await stat(this.file)).size;
    } catch {
      return null;
    }
    if (size > MAX_SECRET_FILE_BYTES) throw new StudioError('bad_file', `${basename(this.file)}: larger than ${MAX_SECRET_FILE_BYTES} bytes; ${this.remedy}`);
    return checkedSecret(this.schema, await readFile(this.file, 'utf8'), basename(this.file));
  }

  /** Stores the value readable by this user only, or with null forgets it. */
  async write(value: string | null, where: string): Promise<void> {
    if (value === null) await rm(this.file, { force: true });
    else await writeFileAtomic(this.file, checkedSecret(this.schema, value, where), { mode: 0o600 });
  }
}
