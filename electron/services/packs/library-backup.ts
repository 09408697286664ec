import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { migrateCharacter } from '../../../shared/character/migrations/migrate-character';
import { StudioError } from '../../../shared/contract/errors';
import { formatIssues } from '../../../shared/validation/format-issues';
import { isCharacterId } from '../characters/character-paths';
import type { ImportedCharacter } from '../characters/importers/character-importer';
import { listFolderFiles } from './folder-files';
import type { PackLimits } from './pack-limits';
import { manifestFiles, sha256 } from './pack-manifest';
import { extractZip, toMemory } from './zip-extract';
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

function readManifest(files: ReadonlyMap<string, Uint8Array>, source: string) {
  const bad = (problem: string) => new StudioError('bad_file', `${source}: ${problem}`);
  const raw = files.get(BACKUP_MANIFEST);
  if (!raw) throw bad(`no ${BACKUP_MANIFEST} inside; this is not a studio library backup`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch (error) {
    throw bad(`${BACKUP_MANIFEST} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = backupManifestSchema.safeParse(json);
  if (!parsed.success) throw bad(`${BACKUP_MANIFEST}: ${formatIssues(parsed.error)}`);
  if (parsed.data.version > BACKUP_VERSION) throw bad(`the backup was made by a newer studio (version ${parsed.data.version})`);
  const listed = new Map(parsed.data.files.map((f) => [f.path, f]));
  for (const [path, data] of files) {
    if (path === BACKUP_MANIFEST) continue;
    const entry = listed.get(path);
    if (!entry) throw bad(`"${path}" is not in the backup's manifest`);
    if (entry.size !== data.length || entry.sha256 !== sha256(data)) throw bad(`"${path}" does not match its sha256 (damaged or altered)`);
    listed.delete(path);
  }
  const missing = [...listed.keys()][0];
  if (missing) throw bad(`"${missing}" is listed in the manifest but missing`);
  return parsed.data;
}

/** Reads a backup into characters for the library; throws naming the file and entry on any problem. */
export async function restoreLibraryBackup(input: { bytes: Uint8Array } | { file: string }, source: string, limits: PackLimits): Promise<ImportedCharacter[]> {
  const files = new Map<string, Uint8Array>();
  await extractZip(input, '/backup-root', source, limits, toMemory(files));
  const manifest = readManifest(files, source);
  const now = new Date().toISOString();
  return manifest.characters.map((id) => {
    const prefix = `characters/${id}/`;
    const text = files.get(`${prefix}character.json`);
    if (!text) throw new StudioError('bad_file', `${source}: ${prefix}character.json is missing`);
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(text));
    } catch (error) {
      throw new StudioError('bad_file', `${source}: ${prefix}character.json is not valid JSON (${(error as Error).message})`);
    }
    const outcome = migrateCharacter(raw, { id, now });
    if (!outcome.ok) throw new StudioError('bad_file', `${source}: ${prefix}character.json: ${outcome.message}`);
    const { character } = outcome;
    const avatarBytes = character.avatar ? files.get(`${prefix}${character.avatar}`) : undefined;
    const rest = [...files].filter(([path]) => path.startsWith(prefix) && path !== `${prefix}character.json` && path !== `${prefix}${character.avatar}`);
    return { character, avatar: avatarBytes && { bytes: avatarBytes }, files: rest.map(([path, bytes]) => ({ path: path.slice(prefix.length), bytes })) };
  });
}
