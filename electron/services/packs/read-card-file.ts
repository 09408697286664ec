import { embeddedPath, mainIcon } from '../../../shared/cards/card-assets';
import { parseCardJson, type NormalizedCard } from '../../../shared/cards/normalize-card';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import { CARD_ASSETS_DIR } from './folder-files';
import type { PackLimits } from './pack-limits';
import { MANIFEST_PATH, PACK_DIR, PACK_FILES_DIR, verifyPack, type PackManifest } from './pack-manifest';
import { isPng } from './png-structure';
import { readPngCard, stripCardChunks } from './png-card';
import { extractZip, toMemory } from './zip-extract';

// One file from the user → the card inside it, the image for the avatar, and the files that belong in
// the character's folder. The format is decided by the bytes (PNG signature, zip signature, else
// JSON), never by the file name alone.

/** What a card file holds, before it becomes a character. */
export interface CardFile {
  format: 'png' | 'json' | 'charx' | 'pack';
  card: NormalizedCard;
  avatar?: Uint8Array;
  /** Files for the character folder, by path relative to it. */
  files: { path: string; bytes: Uint8Array }[];
  /** Present for a studio pack. */
  manifest?: PackManifest;
  warnings: string[];
}

const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

function decodeJson(bytes: Uint8Array, what: string, limits: PackLimits): string {
  if (bytes.length > limits.maxCardJsonBytes) throw new StudioError('bad_file', `${what} is ${formatBytes(bytes.length)}; a card may be at most ${formatBytes(limits.maxCardJsonBytes)}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StudioError('bad_file', `${what} is not UTF-8 text`);
  }
}

async function readArchive(bytes: Uint8Array, source: string, limits: PackLimits): Promise<CardFile> {
  const files = new Map<string, Uint8Array>();
  // Entries are collected in memory (one character's files); the root only anchors the path checks.
  await extractZip({ bytes }, '/archive-root', source, limits, toMemory(files));
  const cardBytes = files.get('card.json');
  if (!cardBytes) throw new StudioError('bad_file', `${source}: no card.json at the root of the archive (not a CHARX file)`);
  const card = parseCardJson(decodeJson(cardBytes, `${source}: card.json`, limits), `${source}: card.json`);
  const manifest = files.has(MANIFEST_PATH) ? verifyPack(files, source) : undefined;
  const warnings: string[] = [];
  const out: CardFile['files'] = [];
  for (const [path, data] of files) {
    if (path === 'card.json' || path === MANIFEST_PATH) continue;
    if (path.startsWith(`${PACK_FILES_DIR}/`)) out.push({ path: path.slice(PACK_FILES_DIR.length + 1), bytes: data });
    else if (path.startsWith(`${PACK_DIR}/`)) warnings.push(`"${path}" is not a file this studio restores; left out`);
    else out.push({ path: `${CARD_ASSETS_DIR}/${path}`, bytes: data });
  }
  const icon = mainIcon(card.data.assets);
  const iconPath = icon ? embeddedPath(icon.uri) : null;
  const avatar = iconPath ? files.get(iconPath) : undefined;
  if (iconPath && !avatar) warnings.push(`the main icon "${icon!.uri}" is not in the archive`);
  return { format: manifest ? 'pack' : 'charx', card, avatar, files: out, manifest, warnings };
}

/** Reads a PNG card, a card JSON, a CHARX or a studio pack; errors name `source` and the problem. */
export async function readCardFile(source: string, bytes: Uint8Array, limits: PackLimits): Promise<CardFile> {
  if (bytes.length === 0) throw new StudioError('bad_file', `${source}: the file is empty`);
  if (isPng(bytes)) {
    const { json } = readPngCard(bytes, source, limits);
    const card = parseCardJson(json, source);
    return { format: 'png', card, avatar: stripCardChunks(bytes, source, limits), files: [], warnings: [] };
  }
  if (isZip(bytes)) return readArchive(bytes, source, limits);
  return { format: 'json', card: parseCardJson(decodeJson(bytes, source, limits), source), files: [], warnings: [] };
}
