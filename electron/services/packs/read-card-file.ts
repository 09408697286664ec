import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { embeddedPath, mainIcon } from '../../../shared/cards/card-assets';
import { isPlainObject } from '../../../shared/cards/lenient';
import { parseCardJson, type NormalizedCard } from '../../../shared/cards/normalize-card';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import type { FolderFile } from '../characters/character-folder-writer';
import type { ImportSource } from '../characters/importers/character-importer';
import { wholeFile } from '../characters/importers/import-source';
import { assertAdapterMetadata, MAX_METADATA_BYTES } from '../adapters/adapter-metadata';
import { readExtracted } from './extracted-files';
import { CARD_ASSETS_DIR } from './folder-files';
import type { PackLimits } from './pack-limits';
import { zipStart } from './appended-zip';
import { MANIFEST_PATH, PACK_DIR, PACK_FILES_DIR, verifyPack, type PackManifest } from './pack-manifest';
import { readPngCardFile } from './png-card-file';
import { isPng } from './png-structure';
import { readRisuModuleScripts } from './risu-module';
import { extractZip, type ExtractedEntry, type ZipPlacement } from './zip-extract';

// One file from the user → the card inside it, the image for the avatar, and the files that belong in
// the character's folder. The format is decided by the bytes, never by the file name: a zip archive
// (CHARX, pack), a JPEG or PNG with a CHARX appended (RisuAI's "CharX Embedded Jpeg"), a PNG card, or
// JSON. Archives are unpacked into the import's scratch folder; their files stay there until the
// library moves them into the new character's folder.

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

/** Whether bytes start like a JPEG image. */
export const isJpeg = (bytes: Uint8Array): boolean => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

function decodeJson(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StudioError('bad_file', `${what}: not a character card: neither a PNG or JPEG image, a zip archive (CHARX) nor UTF-8 JSON text`);
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

const MODULE_PATH = 'module.risum';

/** The card with a RisuAI module's scripts put back into `extensions.risuai`, as RisuAI's own import does. */
async function withModuleScripts(card: NormalizedCard, entry: ExtractedEntry | undefined, source: string, limits: PackLimits, warnings: string[]): Promise<NormalizedCard> {
  if (!entry) return card;
  try {
    const { trigger, regex } = await readRisuModuleScripts(entry.file, limits.maxCardJsonBytes, `${source}: ${MODULE_PATH}`);
    if (!trigger && !regex) return card;
    const risuai = isPlainObject(card.data.extensions.risuai) ? card.data.extensions.risuai : {};
    const scripts = { ...risuai, ...(trigger ? { triggerscript: trigger } : {}), ...(regex ? { customScripts: regex } : {}) };
    return { ...card, data: { ...card.data, extensions: { ...card.data.extensions, risuai: scripts } } };
  } catch (error) {
    if (!(error instanceof StudioError)) throw error;
    warnings.push(`${error.message}; its regex and trigger scripts stay only inside it (it is kept with the card's assets)`);
    return card;
  }
}

async function readArchive(source: ImportSource, limits: PackLimits, scratch: string, at: ZipPlacement): Promise<CardFile> {
  const name = source.fileName;
  const entries = await extractZip(source.input, join(scratch, 'archive'), name, limits, at);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const cardEntry = byPath.get('card.json');
  if (!cardEntry) throw new StudioError('bad_file', `${name}: no card.json at the root of the archive (not a CHARX file)`);
  const warnings: string[] = [];
  const read = parseCardJson(await readExtracted(cardEntry, limits.maxCardJsonBytes, name), `${name}: card.json`);
  const card = await withModuleScripts(read, byPath.get(MODULE_PATH), name, limits, warnings);
  const manifest = byPath.has(MANIFEST_PATH) ? await verifyPack(entries, name, limits) : undefined;
  await checkAdapterMetadata(entries, name);
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

/** Reads a PNG card, a card JSON, a CHARX (alone or appended to an image) or a studio pack; errors name the file and the problem. */
export async function readCardFile(source: ImportSource, limits: PackLimits, scratch: string): Promise<CardFile> {
  const name = source.fileName;
  if (source.size === 0) throw new StudioError('bad_file', `${name}: the file is empty`);
  const image = isPng(source.head) || isJpeg(source.head);
  const start = isZip(source.head) || image ? await zipStart(source.input, source.size) : null;
  if (isZip(source.head) || (image && start !== null)) return readArchive(source, limits, scratch, { start: start ?? 0, size: source.size });
  if (isPng(source.head)) return readPngCardFile(wholeFile(source, limits.maxImageBytes, 'the PNG'), name, limits);
  if (isJpeg(source.head)) throw new StudioError('bad_file', `${name}: a JPEG image with no CHARX archive appended to it, so it holds no character card`);
  const text = decodeJson(wholeFile(source, limits.maxCardJsonBytes, 'the card'), name);
  return { format: 'json', card: parseCardJson(text, name), files: [], warnings: [] };
}
