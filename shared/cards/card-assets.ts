import type { CardAsset } from './card-schema';

// V3 assets point into their CHARX with `embeded://path` (the spec's spelling; `embedded://` is
// accepted too). The main icon is the character's portrait: the studio's avatar.

/** The archive path an asset URI points to, or null for URLs, data URIs and `ccdefault:`. */
export function embeddedPath(uri: string): string | null {
  const match = /^(?:embeded|embedded):\/\/(.+)$/i.exec(uri.trim());
  return match ? match[1]! : null;
}

/** The portrait: the `icon` named `main`, else the first icon (spec: "the main icon"). */
export function mainIcon(assets: readonly CardAsset[] | undefined): CardAsset | undefined {
  const icons = (assets ?? []).filter((a) => a.type === 'icon');
  return icons.find((a) => a.name === 'main') ?? icons[0];
}

/** Where the avatar goes in a CHARX the studio writes (the spec's `assets/{type}/images/` layout). */
export function avatarAssetPath(extension: string): string {
  return `assets/icon/images/main.${extension}`;
}

/** The file extension of an image media type, as V3's `ext` field wants it. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? 'unknown' : fileName.slice(dot + 1).toLowerCase();
}
