import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { embeddedPath, mainIcon } from '../../../shared/cards/card-assets';
import { parseCardJson, type NormalizedCard } from '../../../shared/cards/normalize-card';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import type { FolderFile } from '../characters/character-folder-writer';
import type { ImportSource } from '../characters/importers/character-importer';
import { wholeFile } from '../characters/importers/import-source';
import { assertAdapterMetadata, MAX_METADATA_BYTES } from '../training/adapter-metadata';
import { readExtracted } from './extracted-files';
import { CARD_ASSETS_DIR } from './folder-files';
import type { PackLimits } from './pack-limits';
import { MANIFEST_PATH, PACK_DIR, PACK_FILES_DIR, verifyPack, type PackManifest } from './pack-manifest';
import { isPng } from './png-structure';
import { readPngCard, stripCardChunks } from './png-card';
import { extractZip, type ExtractedEntry } from './zip-extract';

// One file from the user → the card inside it, the image for the avatar, and the files that belong in
// the character's folder. The format is decided by the bytes (PNG signature, zip signature, else
// JSON), never by the file name alone. Archives are unpacked into the import's scratch folder; their
// files stay there until the library moves them into the new character's folder.

/** What a card file holds, before it becomes a character. */
export interface CardFile {
  format: 'png' | 'json' | 'charx' | 'pack';
  card: NormalizedCard;
  avatar?: Uint8Array;
  /** Files for the character folder, by path relative to it. */
  files: FolderFile[];
  /** Present for a studio pack. */
  manifest?: PackManifest;
  warnings: string[];
}

/** Whether bytes start like a zip archive (local file header). */
export const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

function decodeJson(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StudioError('bad_file', `${what} is not UTF-8 text`);
  }
}

const ADAPTER_METADATA = new RegExp(`^${PACK_FILES_DIR}/adapters/[^/]+/metadata\\.json$`);

/** Refuses a pack whose adapter metadata would go back over the wire unbounded (named by file and field). */
async function checkAdapterMetadata(entries: readonly ExtractedEntry[], source: string): Promise<void> {
  for (const entry of entries) {
    if (!ADAPTER_METADATA.test(entry.path)) continue;
    // Too large a file is refused by its size alone, before it is read.
    const text = entry.size > MAX_METADATA_BYTES ? '' : await readFile(entry.file, 'utf8');
    assertAdapterMetadata(text, entry.size, `${source}: ${entry.path}`);
  }
}

async function avatarOf(entry: ExtractedEntry | undefined, limits: PackLimits, warnings: string[]): Promise<Uint8Array | undefined> {
  if (!entry) return undefined;
  if (entry.size <= limits.maxImageBytes) return readFile(entry.file);
  warnings.push(`the main icon "${entry.path}" is ${formatBytes(entry.size)}, larger than an avatar may be; it is kept with the card's assets`);
  return undefined;
}

async function readArchive(source: ImportSource, limits: PackLimits, scratch: string): Promise<CardFile> {
  const name = source.fileName;
  const entries = await extractZip(source.input, join(scratch, 'archive'), name, limits);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const cardEntry = byPath.get('card.json');
  if (!cardEntry) throw new StudioError('bad_file', `${name}: no card.json at the root of the archive (not a CHARX file)`);
  const card = parseCardJson(await readExtracted(cardEntry, limits.maxCardJsonBytes, name), `${name}: card.json`);
  const manifest = byPath.has(MANIFEST_PATH) ? await verifyPack(entries, name, limits) : undefined;
  await checkAdapterMetadata(entries, name);
  const warnings: string[] = [];
  const files: FolderFile[] = [];
  for (const { path, file } of entries) {
    if (path === 'card.json' || path === MANIFEST_PATH) continue;
    if (path.startsWith(`${PACK_FILES_DIR}/`)) files.push({ path: path.slice(PACK_FILES_DIR.length + 1), staged: file });
    else if (path.startsWith(`${PACK_DIR}/`)) warnings.push(`"${path}" is not a file this studio restores; left out`);
    else files.push({ path: `${CARD_ASSETS_DIR}/${path}`, staged: file });
  }
  const icon = mainIcon(card.data.assets);
  const iconPath = icon ? embeddedPath(icon.uri) : null;
  const avatar = await avatarOf(iconPath ? byPath.get(iconPath) : undefined, limits, warnings);
  if (iconPath && !byPath.has(iconPath)) warnings.push(`the main icon "${icon!.uri}" is not in the archive`);
  return { format: manifest ? 'pack' : 'charx', card, avatar, files, manifest, warnings };
}

/** Reads a PNG card, a card JSON, a CHARX or a studio pack; errors name the file and the problem. */
export async function readCardFile(source: ImportSource, limits: PackLimits, scratch: string): Promise<CardFile> {
  const name = source.fileName;
  if (source.size === 0) throw new StudioError('bad_file', `${name}: the file is empty`);
  if (isPng(source.head)) {
    const bytes = wholeFile(source, limits.maxImageBytes, 'the PNG');
    const { json } = readPngCard(bytes, name, limits);
    const card = parseCardJson(json, name);
    return { format: 'png', card, avatar: stripCardChunks(bytes, name, limits), files: [], warnings: [] };
  }
  if (isZip(source.head)) return readArchive(source, limits, scratch);
  const text = decodeJson(wholeFile(source, limits.maxCardJsonBytes, 'the card'), name);
  return { format: 'json', card: parseCardJson(text, name), files: [], warnings: [] };
}
