import type { CardAsset } from './card-schema';

// V3 assets point into the file they came in: `embeded://path` into a CHARX (the spec's spelling;
// `embedded://` is accepted too), `__asset:key` into a PNG's `chara-ext-asset_:key` text chunk. The
// studio keeps every embedded asset as a file under the character's `card-assets/` folder and records
// it as `embeded://<path under card-assets>`, whichever container it came in; exports turn that back
// into what their container uses. The main icon is the character's portrait: the studio's avatar.

const EMBEDDED = /^(?:embeded|embedded):\/\/(.+)$/i;
const PNG_ASSET = /^__asset:(.+)$/;

/** The keyword prefix of a PNG text chunk holding an asset (the spec writes `chara-ext-asset_:key`). */
export const PNG_ASSET_CHUNK_PREFIX = 'chara-ext-asset_';

/** The archive path an `embeded://` URI points to, or null for any other URI. */
export function embeddedPath(uri: string): string | null {
  const match = EMBEDDED.exec(uri.trim());
  return match ? match[1]! : null;
}

/** The `embeded://` URI (the spec's spelling) of an archive path. */
export const embeddedUri = (path: string): string => `embeded://${path}`;

/** The chunk key an `__asset:` URI points to, or null for any other URI. */
export function pngAssetKey(uri: string): string | null {
  const match = PNG_ASSET.exec(uri.trim());
  return match ? match[1]! : null;
}

/** The `__asset:` URI of a chunk key. */
export const pngAssetUri = (key: string): string => `__asset:${key}`;

/** The key of a `chara-ext-asset_:key` chunk keyword (RisuAI also reads it without the colon), or null. */
export function pngAssetChunkKey(keyword: string): string | null {
  if (!keyword.toLowerCase().startsWith(PNG_ASSET_CHUNK_PREFIX)) return null;
  const key = keyword.slice(PNG_ASSET_CHUNK_PREFIX.length).replace(/^:/, '');
  return key === '' ? null : key;
}

/** Asset URIs that point into the file they came in; they cannot travel without it. */
export const isEmbeddedUri = (uri: string): boolean => embeddedPath(uri) !== null || pngAssetKey(uri) !== null;

/** Whether an asset is the portrait: the spec's main icon (`icon` named `main`). */
export const isMainIcon = (asset: CardAsset): boolean => asset.type === 'icon' && asset.name === 'main';

/** The portrait: the `icon` named `main`, else the first icon (spec: "the main icon"). */
export function mainIcon(assets: readonly CardAsset[] | undefined): CardAsset | undefined {
  const icons = (assets ?? []).filter((a) => a.type === 'icon');
  return icons.find((a) => a.name === 'main') ?? icons[0];
}

/** Where the avatar goes in a CHARX the studio writes (the spec's `assets/{type}/images/` layout). */
export function avatarAssetPath(extension: string): string {
  return `assets/icon/images/main.${extension}`;
}

/** The lower-case extension of a file name, or `unknown` (the V3 `ext` value for that). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? 'unknown' : fileName.slice(dot + 1).toLowerCase();
}

const KIND_OF: Record<string, string> = {
  png: 'images', jpg: 'images', jpeg: 'images', gif: 'images', webp: 'images', avif: 'images', bmp: 'images', svg: 'images',
  mp3: 'audio', wav: 'audio', ogg: 'audio', flac: 'audio', m4a: 'audio',
  mp4: 'video', webm: 'video', mov: 'video', mkv: 'video',
};

/** Whether an extension names an image (the editor previews those). */
export const isImageExtension = (ext: string): boolean => KIND_OF[ext.toLowerCase()] === 'images';

/** A file-name-safe form of an asset's type, extension or key (strangers write anything there). */
const safePart = (text: string, fallback: string): string => {
  const safe = text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return safe === '' ? fallback : safe;
};

/**
 * A path for an asset in the spec's CHARX layout (`assets/{type}/{images|audio|video|other}/{name}.{ext}`),
 * not yet in `taken`; the path is built from safe characters only, never from the stranger's path.
 */
export function assetLayoutPath(asset: { type: string; ext: string }, name: string, taken: ReadonlySet<string>): string {
  const ext = safePart(asset.ext, 'bin');
  const dir = `assets/${safePart(asset.type, 'other')}/${KIND_OF[ext] ?? 'other'}`;
  const base = safePart(name, 'asset');
  for (let n = 1; ; n++) {
    const path = `${dir}/${n === 1 ? base : `${base}-${n}`}.${ext}`;
    if (!taken.has(path)) return path;
  }
}
