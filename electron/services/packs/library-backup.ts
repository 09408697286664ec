import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { migrateCharacter } from '../../../shared/character/migrations/migrate-character';
import { StudioError } from '../../../shared/contract/errors';
import { formatIssues } from '../../../shared/validation/format-issues';
import { isCharacterId } from '../characters/character-paths';
import type { ImportedCharacter } from '../characters/importers/character-importer';
import type { FileInput } from '../characters/importers/import-source';
import { parseJsonText, readExtracted } from './extracted-files';
import { listFolderFiles } from './folder-files';
import type { PackLimits } from './pack-limits';
import { checkListedFiles, manifestFiles } from './pack-manifest';
import { extractZip, type ExtractedEntry } from './zip-extract';
import { zipToBuffer } from './zip-write';

// The whole library in one archive: every character folder (chats, corrections, datasets, adapters,
// assets — everything but temp files), with a manifest of sha256 per file. Models are not included:
// they are large and can be imported or downloaded again; the adapters record which base they need.
// Restoring adds the characters beside the ones already there (never overwriting), all or nothing.

const BACKUP_MANIFEST = 'character-studio-backup.json';
const BACKUP_VERSION = 1;

const backupManifestSchema = z.object({
  format: z.literal('character-studio-backup'),
  version: z.number().int().min(1),
  createdAt: z.string(),
  studioVersion: z.string().default(''),
  characters: z.array(z.string()),
  files: z.array(z.object({ path: z.string(), size: z.number().int().min(0), sha256: z.string() })),
});

async function characterFolders(charactersDir: string): Promise<string[]> {
  try {
    return (await readdir(charactersDir, { withFileTypes: true })).filter((e) => e.isDirectory() && isCharacterId(e.name)).map((e) => e.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Zips every character folder with a manifest. */
export async function createLibraryBackup(charactersDir: string, options: { now: Date; studioVersion: string }): Promise<{ fileName: string; bytes: Uint8Array; characters: number }> {
  const ids = await characterFolders(charactersDir);
  const entries: { path: string; data: Uint8Array }[] = [];
  for (const id of ids) {
    for (const file of await listFolderFiles(join(charactersDir, id))) {
      if (file.split('/').some((part) => part.startsWith('.'))) continue;
      entries.push({ path: `characters/${id}/${file}`, data: await readFile(join(charactersDir, id, file)) });
    }
  }
  const manifest = { format: 'character-studio-backup', version: BACKUP_VERSION, createdAt: options.now.toISOString(), studioVersion: options.studioVersion, characters: ids, files: manifestFiles(entries) };
  const bytes = await zipToBuffer([{ path: BACKUP_MANIFEST, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...entries], options.now);
  const stamp = options.now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return { fileName: `character-studio-backup-${stamp}.zip`, bytes, characters: ids.length };
}

async function readManifest(entries: readonly ExtractedEntry[], source: string, limits: PackLimits) {
  const bad = (problem: string) => new StudioError('bad_file', `${source}: ${problem}`);
  const entry = entries.find((e) => e.path === BACKUP_MANIFEST);
  if (!entry) throw bad(`no ${BACKUP_MANIFEST} inside; this is not a studio library backup`);
  const parsed = backupManifestSchema.safeParse(parseJsonText(await readExtracted(entry, limits.maxManifestBytes, source), bad, BACKUP_MANIFEST));
  if (!parsed.success) throw bad(`${BACKUP_MANIFEST}: ${formatIssues(parsed.error)}`);
  if (parsed.data.version > BACKUP_VERSION) throw bad(`the backup was made by a newer studio (version ${parsed.data.version})`);
  await checkListedFiles(parsed.data.files, entries, BACKUP_MANIFEST, bad, 'backup');
  return parsed.data;
}

/** Reads a backup into characters for the library (files staged in `scratch`); throws naming the file and entry on any problem. */
export async function restoreLibraryBackup(input: FileInput, source: string, limits: PackLimits, scratch: string): Promise<ImportedCharacter[]> {
  const entries = await extractZip(input, join(scratch, 'backup'), source, limits);
  const manifest = await readManifest(entries, source, limits);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const now = new Date().toISOString();
  const items: ImportedCharacter[] = [];
  for (const id of manifest.characters) {
    const prefix = `characters/${id}/`;
    const entry = byPath.get(`${prefix}character.json`);
    if (!entry) throw new StudioError('bad_file', `${source}: ${prefix}character.json is missing`);
    const bad = (problem: string) => new StudioError('bad_file', `${source}: ${problem}`);
    const raw = parseJsonText(await readExtracted(entry, limits.maxCardJsonBytes, source), bad, `${prefix}character.json`);
    const outcome = migrateCharacter(raw, { id, now });
    if (!outcome.ok) throw bad(`${prefix}character.json: ${outcome.message}`);
    const { character } = outcome;
    const avatar = character.avatar ? byPath.get(`${prefix}${character.avatar}`) : undefined;
    if (avatar && avatar.size > limits.maxImageBytes) throw bad(`${prefix}${character.avatar} is larger than an avatar may be`);
    const rest = entries.filter((e) => e.path.startsWith(prefix) && e !== entry && e !== avatar);
    items.push({ character, avatar: avatar && { bytes: await readFile(avatar.file) }, files: rest.map((e) => ({ path: e.path.slice(prefix.length), staged: e.file })) });
  }
  return items;
}
