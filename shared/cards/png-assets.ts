import { assetLayoutPath, embeddedUri, pngAssetKey, pngAssetUri } from './card-assets';
import type { CardAsset, CardData } from './card-schema';
import { isPlainObject } from './lenient';

// A PNG card keeps asset bytes in `chara-ext-asset_:key` text chunks, referenced from the V3 `assets`
// list as `__asset:key` (and, in RisuAI's older V2 cards, from `extensions.risuai.emotions` and
// `additionalAssets`). On import each chunk becomes a file in the spec's CHARX layout and its asset
// is recorded as `embeded://<path>`, so every export finds its assets the same way.

/** A `chara-ext-asset_` chunk: its key and its decoded bytes. */
export interface PngAssetChunk {
  key: string;
  bytes: Uint8Array;
}

/** The card's assets once its chunks are files, the files to keep, and what could not be placed. */
export interface PlacedPngAssets {
  assets: CardAsset[] | undefined;
  files: { path: string; bytes: Uint8Array }[];
  warnings: string[];
}

const MAGIC: { ext: string; bytes: number[] }[] = [
  { ext: 'png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { ext: 'jpg', bytes: [0xff, 0xd8, 0xff] },
  { ext: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { ext: 'webp', bytes: [0x52, 0x49, 0x46, 0x46] },
];

/** The declared extension when it is a real one, else one read from the first bytes, else `bin`. */
function extensionFor(declared: string, bytes: Uint8Array): string {
  if (/^[a-z0-9]{1,10}$/.test(declared) && declared !== 'unknown') return declared;
  return MAGIC.find((m) => m.bytes.every((b, i) => bytes[i] === b))?.ext ?? 'bin';
}

/** RisuAI's V2 asset lists: `[name, uri]` emotions and `[name, uri, ext]` additional assets. */
function risuV2References(extensions: Record<string, unknown>): Map<string, CardAsset> {
  const found = new Map<string, CardAsset>();
  const risu = isPlainObject(extensions.risuai) ? extensions.risuai : {};
  const lists: [unknown, string][] = [[risu.emotions, 'emotion'], [risu.additionalAssets, 'x-risu-asset']];
  for (const [list, type] of lists) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1] !== 'string') continue;
      const key = pngAssetKey(item[1]);
      if (key !== null && !found.has(key)) found.set(key, { type, uri: item[1], name: item[0], ext: typeof item[2] === 'string' ? item[2] : 'unknown' });
    }
  }
  return found;
}

/** Turns the PNG's asset chunks into files and the card's `__asset:` references into `embeded://` ones. */
export function placePngAssets(data: Pick<CardData, 'assets' | 'extensions'>, chunks: readonly PngAssetChunk[]): PlacedPngAssets {
  const byKey = new Map(chunks.map((c) => [c.key, c]));
  const placedAt = new Map<string, string>();
  const taken = new Set<string>();
  const files: PlacedPngAssets['files'] = [];
  const warnings: string[] = [];
  const place = (asset: CardAsset, chunk: PngAssetChunk): CardAsset => {
    let path = placedAt.get(chunk.key);
    if (path === undefined) {
      path = assetLayoutPath({ type: asset.type, ext: extensionFor(asset.ext, chunk.bytes) }, chunk.key, taken);
      taken.add(path);
      placedAt.set(chunk.key, path);
      files.push({ path, bytes: chunk.bytes });
    }
    return { ...asset, uri: embeddedUri(path) };
  };
  const assets: CardAsset[] = [];
  for (const asset of data.assets ?? []) {
    const key = pngAssetKey(asset.uri);
    const chunk = key === null ? undefined : byKey.get(key);
    if (key === null) assets.push(asset);
    else if (chunk) assets.push(place(asset, chunk));
    else warnings.push(`asset "${asset.name}" (${asset.type}) points to ${asset.uri}, but the PNG has no "chara-ext-asset_:${key}" chunk; left out`);
  }
  // Chunks the V3 list does not name are kept too: named by RisuAI's V2 lists when they are, else by key.
  const v2 = risuV2References(data.extensions);
  for (const chunk of chunks) {
    if (placedAt.has(chunk.key)) continue;
    assets.push(place(v2.get(chunk.key) ?? { type: 'other', uri: pngAssetUri(chunk.key), name: chunk.key, ext: 'unknown' }, chunk));
  }
  return { assets: data.assets === undefined && assets.length === 0 ? undefined : assets, files, warnings };
}
