import { join } from 'node:path';
import { assetLayoutPath, embeddedPath, embeddedUri, extensionOf, isMainIcon, pngAssetUri } from '../../../shared/cards/card-assets';
import { cardRecordOf } from '../../../shared/cards/card-record';
import type { CardAsset } from '../../../shared/cards/card-schema';
import { characterToCard, toV2Card, topLevelOmissions, v2TopFields } from '../../../shared/cards/character-to-card';
import { planAssets, type PlannedAsset } from '../../../shared/cards/export-assets';
import type { Omission } from '../../../shared/cards/export-omissions';
import type { Character } from '../../../shared/character/character-schema';
import { formatBytes } from '../../../shared/text/format-bytes';
import { readLibraryFile } from '../fs/library-files';
import { CARD_ASSETS_DIR, listFolderFiles, roleOf } from './folder-files';
import type { PackLimits } from './pack-limits';
import { placeholderAvatar } from './placeholder-avatar';
import { isPng } from './png-structure';
import { writePngCard } from './png-card';

// The three card containers, each with every asset it can carry (see shared/cards/export-assets.ts):
// a V3 PNG (assets as `chara-ext-asset_` chunks, a V2 `chara` chunk beside), a V3 JSON card, and the
// entries of a CHARX, whose portrait is always there (RisuAI's import waits for at least one asset).
// Files are read through the character folder's real path, since their names came from strangers.

/** What a card export needs. */
export interface CardExportInput {
  character: Character;
  /** The character's folder on disk. */
  dir: string;
  limits: PackLimits;
}

/** What a card export wrote besides its bytes. */
export interface CardExportNotes {
  warnings: string[];
  omitted: Omission[];
}

const readIn = (input: CardExportInput, path: string): Promise<Buffer> => readLibraryFile(input.dir, join(input.dir, path));

async function avatarBytes(input: CardExportInput): Promise<{ bytes: Uint8Array; extension: string } | null> {
  if (!input.character.avatar) return null;
  try {
    return { bytes: await readIn(input, input.character.avatar), extension: extensionOf(input.character.avatar) };
  } catch {
    return null;
  }
}

/** The files kept from imported cards, by their path under card-assets/. */
async function keptFiles(input: CardExportInput): Promise<string[]> {
  const files = await listFolderFiles(input.dir);
  return files.filter((f) => roleOf(f, input.character.avatar) === 'card-asset').map((f) => f.slice(CARD_ASSETS_DIR.length + 1));
}

const recordedAssets = (character: Character): CardAsset[] => (cardRecordOf(character).fields.assets ?? []) as CardAsset[];

/** The `assets` field: left out when it would say no more than the spec's default (the image is the main icon). */
const assetsField = (assets: CardAsset[], beyondPortrait: boolean): CardAsset[] | undefined => (beyondPortrait ? assets : undefined);

/** A V3 PNG card: the avatar (a PNG) or a drawn placeholder carrying the card, its assets and the V2 backfill. */
export async function pngCardExport(input: CardExportInput): Promise<{ bytes: Uint8Array } & CardExportNotes> {
  const { character, limits } = input;
  const warnings: string[] = [];
  const avatar = await avatarBytes(input);
  if (avatar && !isPng(avatar.bytes)) warnings.push(`the avatar is ${avatar.extension.toUpperCase()}, not PNG: the PNG card carries a generated image (CHARX and packs keep the avatar)`);
  const portrait: PlannedAsset = { asset: { type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' }, file: null };
  const plan = planAssets('png', recordedAssets(character), await keptFiles(input), portrait, avatar !== null);
  const chunks: { key: string; bytes: Uint8Array }[] = [];
  const keyOf = new Map<string, string>();
  const assets: CardAsset[] = [];
  for (const { asset, file } of plan.carried) {
    if (file === null) {
      assets.push(asset);
      continue;
    }
    let key = keyOf.get(file);
    if (key === undefined) {
      key = String(chunks.length + 1);
      keyOf.set(file, key);
      chunks.push({ key, bytes: await readIn(input, join(CARD_ASSETS_DIR, file)) });
    }
    assets.push({ ...asset, uri: pngAssetUri(key) });
  }
  const v3 = characterToCard(character, { assets: assetsField(assets, plan.carried.length > 1) });
  const card = { v3, v2: toV2Card(v3, v2TopFields(character)), assets: chunks };
  let bytes: Uint8Array;
  try {
    bytes = writePngCard(avatar && isPng(avatar.bytes) ? avatar.bytes : placeholderAvatar(character.name), card, limits);
  } catch (error) {
    warnings.push(`the avatar could not carry the card (${(error as Error).message}); a generated image carries it`);
    bytes = writePngCard(placeholderAvatar(character.name), card, limits);
  }
  if (bytes.length > limits.maxImageBytes) {
    warnings.push(`the PNG card is ${formatBytes(bytes.length)}, more than the ${formatBytes(limits.maxImageBytes)} the studio reads back as a card image; CHARX carries large assets without that limit`);
  }
  return { bytes, warnings: [...warnings, ...plan.warnings], omitted: plan.omitted };
}

/** A V3 JSON card: only assets that stand alone travel in it; the rest is listed as left out. */
export async function jsonCardExport(input: CardExportInput): Promise<{ bytes: Uint8Array } & CardExportNotes> {
  const { character } = input;
  const plan = planAssets('json', recordedAssets(character), await keptFiles(input), null, character.avatar !== null);
  const assets = plan.carried.map((c) => c.asset);
  const card = characterToCard(character, { assets: assetsField(assets, assets.length > 0) });
  return { bytes: Buffer.from(`${JSON.stringify(card, null, 2)}\n`), warnings: plan.warnings, omitted: [...plan.omitted, ...topLevelOmissions(character)] };
}

/**
 * The portrait of a CHARX: the avatar; without one, a recorded main icon kept as a file (too large to
 * be an avatar); else the placeholder the PNG card draws. `bytes` is set when the export writes it.
 */
async function charxPortrait(input: CardExportInput, kept: string[]): Promise<PlannedAsset & { bytes?: Uint8Array }> {
  const avatar = await avatarBytes(input);
  const recordedMain = recordedAssets(input.character).find((a) => isMainIcon(a) && kept.includes(embeddedPath(a.uri) ?? ''));
  if (!avatar && recordedMain) return { asset: recordedMain, file: embeddedPath(recordedMain.uri) };
  const image = avatar ?? { bytes: placeholderAvatar(input.character.name), extension: 'png' };
  const path = assetLayoutPath({ type: 'icon', ext: image.extension }, 'main', new Set(kept));
  return { asset: { type: 'icon', uri: embeddedUri(path), name: 'main', ext: image.extension }, file: null, bytes: image.bytes };
}

/** The CHARX entries: card.json, the portrait as the main icon, every kept asset and the other kept files. */
export async function charxEntries(input: CardExportInput): Promise<{ entries: { path: string; data: Uint8Array }[] } & CardExportNotes> {
  const { character } = input;
  const kept = await keptFiles(input);
  const portrait = await charxPortrait(input, kept);
  const plan = planAssets('charx', recordedAssets(character), kept, portrait, character.avatar !== null);
  const assets = plan.carried.map(({ asset, file }) => (file === null ? asset : { ...asset, uri: embeddedUri(file) }));
  const card = characterToCard(character, { assets });
  const entries: { path: string; data: Uint8Array }[] = [{ path: 'card.json', data: Buffer.from(`${JSON.stringify(card, null, 2)}\n`) }];
  if (portrait.bytes) entries.push({ path: embeddedPath(portrait.asset.uri)!, data: Buffer.from(portrait.bytes) });
  for (const file of new Set([...plan.carried.flatMap((c) => (c.file === null ? [] : [c.file])), ...plan.extraFiles])) {
    entries.push({ path: file, data: await readIn(input, join(CARD_ASSETS_DIR, file)) });
  }
  return { entries, warnings: plan.warnings, omitted: [...plan.omitted, ...topLevelOmissions(character)] };
}
