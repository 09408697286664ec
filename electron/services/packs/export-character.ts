import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { avatarAssetPath, embeddedPath, extensionOf } from '../../../shared/cards/card-assets';
import { cardRecordOf } from '../../../shared/cards/card-record';
import type { CardAsset } from '../../../shared/cards/card-schema';
import { characterToCard, isEmbeddedUri, toV2Card } from '../../../shared/cards/character-to-card';
import type { Character } from '../../../shared/character/character-schema';
import { slugify } from '../../../shared/text/slug';
import { CARD_ASSETS_DIR, listFolderFiles, roleOf } from './folder-files';
import type { PackLimits } from './pack-limits';
import { adaptersIn } from './pack-adapters';
import { MANIFEST_PATH, PACK_FILES_DIR, PACK_VERSION, manifestFiles, type PackManifest } from './pack-manifest';
import { placeholderAvatar } from './placeholder-avatar';
import { isPng } from './png-structure';
import { writePngCard } from './png-card';
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

async function avatarBytes(input: Inputs): Promise<{ bytes: Uint8Array; extension: string } | null> {
  if (!input.character.avatar) return null;
  try {
    return { bytes: await readFile(join(input.dir, input.character.avatar)), extension: extensionOf(input.character.avatar) };
  } catch {
    return null;
  }
}

async function pngCard(input: Inputs, warnings: string[]): Promise<Uint8Array> {
  const avatar = await avatarBytes(input);
  let image = avatar && isPng(avatar.bytes) ? avatar.bytes : placeholderAvatar(input.character.name);
  if (avatar && !isPng(avatar.bytes)) warnings.push(`the avatar is ${avatar.extension.toUpperCase()}, not PNG: the PNG card carries a generated image (CHARX and packs keep the avatar)`);
  const card = characterToCard(input.character);
  try {
    return writePngCard(image, card, toV2Card(card), input.limits);
  } catch (error) {
    warnings.push(`the avatar could not carry the card (${(error as Error).message}); a generated image carries it`);
    image = placeholderAvatar(input.character.name);
    return writePngCard(image, card, toV2Card(card), input.limits);
  }
}

/** The CHARX entries: card.json, the avatar as the main icon, and the assets the character came with. */
async function charxEntries(input: Inputs, files: string[], warnings: string[]): Promise<{ path: string; data: Uint8Array }[]> {
  const avatar = await avatarBytes(input);
  const iconPath = avatar ? avatarAssetPath(avatar.extension) : null;
  const kept = new Map<string, string>();
  for (const f of files) if (roleOf(f, input.character.avatar) === 'card-asset') kept.set(f.slice(CARD_ASSETS_DIR.length + 1), f);
  const assets: CardAsset[] = [];
  if (avatar && iconPath) assets.push({ type: 'icon', uri: `embeded://${iconPath}`, name: 'main', ext: avatar.extension });
  const recorded = (cardRecordOf(input.character).fields.assets ?? []) as CardAsset[];
  for (const asset of recorded) {
    const path = embeddedPath(String(asset.uri));
    if (asset.type === 'icon' && asset.name === 'main' && avatar) continue;
    if (path !== null && !kept.has(path)) {
      warnings.push(`asset "${asset.name}" (${asset.uri}) is no longer in the character's folder; left out`);
      continue;
    }
    if (path !== null || !isEmbeddedUri(String(asset.uri))) assets.push(asset);
  }
  const card = characterToCard(input.character, { assets });
  const entries = [{ path: 'card.json', data: Buffer.from(`${JSON.stringify(card, null, 2)}\n`) }];
  if (avatar && iconPath) entries.push({ path: iconPath, data: Buffer.from(avatar.bytes) });
  for (const [path, file] of kept) if (path !== iconPath) entries.push({ path, data: await readFile(join(input.dir, file)) });
  return entries;
}

async function packEntries(input: Inputs, files: string[], warnings: string[]): Promise<{ path: string; data: Uint8Array }[]> {
  const entries = await charxEntries(input, files, warnings);
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
  return entries;
}

const MEDIA_TYPES: Record<ExportFormat, string> = { png: 'image/png', json: 'application/json', charx: 'application/zip', pack: 'application/zip' };
const ENDINGS: Record<ExportFormat, string> = { png: '.png', json: '.json', charx: '.charx', pack: '.pack.charx' };

/** Exports `character` in `format`. */
export async function exportCharacter(format: ExportFormat, input: Inputs): Promise<ExportedFile> {
  const warnings: string[] = [];
  const files = format === 'charx' || format === 'pack' ? await listFolderFiles(input.dir) : [];
  const mtime = new Date(input.now);
  let bytes: Uint8Array;
  if (format === 'png') bytes = await pngCard(input, warnings);
  else if (format === 'json') bytes = Buffer.from(`${JSON.stringify(characterToCard(input.character), null, 2)}\n`);
  else bytes = await zipToBuffer(format === 'pack' ? await packEntries(input, files, warnings) : await charxEntries(input, files, warnings), mtime);
  const leftOut = format === 'pack' ? files.filter((f) => roleOf(f, input.character.avatar) === 'left-out') : [];
  return { fileName: `${slugify(input.character.name, 'character')}${ENDINGS[format]}`, mediaType: MEDIA_TYPES[format], bytes, leftOut, warnings };
}
