import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Omission } from '../../../shared/cards/export-omissions';
import type { Character } from '../../../shared/character/character-schema';
import { slugify } from '../../../shared/text/slug';
import { charxEntries, jsonCardExport, pngCardExport, type CardExportNotes } from './card-exports';
import { listFolderFiles, roleOf } from './folder-files';
import type { PackLimits } from './pack-limits';
import { adaptersIn } from './pack-adapters';
import { MANIFEST_PATH, PACK_FILES_DIR, PACK_VERSION, manifestFiles, type PackManifest } from './pack-manifest';
import { zipToBuffer } from './zip-write';

// A character → the bytes of a V3 PNG card, a V3 JSON card, a CHARX, or a studio pack. Path-free on
// purpose: the UI offers the bytes as a download, the CLI writes them atomically where it was told.

/** The export formats. */
export type ExportFormat = 'png' | 'json' | 'charx' | 'pack';

/** An exported file and what did not go into it. */
export interface ExportedFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  /** Files of the character folder a pack leaves out (by the rule in folder-files.ts). */
  leftOut: string[];
  /** What the format has no place for (assets, kept files, top-level fields), by name. */
  omitted: Omission[];
  warnings: string[];
}

interface Inputs {
  character: Character;
  /** The character's folder on disk. */
  dir: string;
  now: string;
  studioVersion: string;
  limits: PackLimits;
}

async function packEntries(input: Inputs, files: string[]): Promise<{ entries: { path: string; data: Uint8Array }[] } & CardExportNotes> {
  const charx = await charxEntries(input);
  const entries = [...charx.entries];
  for (const f of files) if (roleOf(f, input.character.avatar) === 'packed') entries.push({ path: `${PACK_FILES_DIR}/${f}`, data: await readFile(join(input.dir, f)) });
  const manifest: PackManifest = {
    format: 'character-studio-pack',
    version: PACK_VERSION,
    createdAt: input.now,
    studioVersion: input.studioVersion,
    character: { id: input.character.id, name: input.character.name },
    files: manifestFiles(entries),
    adapters: adaptersIn(entries.map((e) => ({ path: e.path.slice(PACK_FILES_DIR.length + 1), data: e.data })).filter((e) => e.path.startsWith('adapters/'))),
  };
  entries.push({ path: MANIFEST_PATH, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) });
  return { ...charx, entries };
}

const MEDIA_TYPES: Record<ExportFormat, string> = { png: 'image/png', json: 'application/json', charx: 'application/zip', pack: 'application/zip' };
const ENDINGS: Record<ExportFormat, string> = { png: '.png', json: '.json', charx: '.charx', pack: '.pack.charx' };

/** The bytes of `format` and what the format could not carry. */
async function build(format: ExportFormat, input: Inputs, files: string[]): Promise<{ bytes: Uint8Array } & CardExportNotes> {
  if (format === 'png') return pngCardExport(input);
  if (format === 'json') return jsonCardExport(input);
  const { entries, ...notes } = format === 'pack' ? await packEntries(input, files) : await charxEntries(input);
  return { bytes: await zipToBuffer(entries, new Date(input.now)), ...notes };
}

/** Exports `character` in `format`. */
export async function exportCharacter(format: ExportFormat, input: Inputs): Promise<ExportedFile> {
  const files = format === 'pack' ? await listFolderFiles(input.dir) : [];
  const { bytes, warnings, omitted } = await build(format, input, files);
  const leftOut = files.filter((f) => roleOf(f, input.character.avatar) === 'left-out');
  return { fileName: `${slugify(input.character.name, 'character')}${ENDINGS[format]}`, mediaType: MEDIA_TYPES[format], bytes, leftOut, omitted, warnings };
}
