import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { embeddedPath, extensionOf, isImageExtension, isMainIcon } from '../../../shared/cards/card-assets';
import { cardRecordOf } from '../../../shared/cards/card-record';
import type { CardAsset } from '../../../shared/cards/card-schema';
import type { Character } from '../../../shared/character/character-schema';
import type { CardAssetInfo } from '../../../shared/contract/domains/packs';
import { sniffAvatar } from '../characters/avatar-image';
import { readLibraryFile } from '../fs/library-files';
import { realPathInside } from '../paths/library-path';
import { CARD_ASSETS_DIR } from './folder-files';

// A character's card assets for the editor's gallery: name, type and size of each, and the bytes of
// small images for thumbnails. Bounded, since a stranger's card may list thousands of large assets.

const MAX_ASSETS = 500;
const MAX_PREVIEW_BYTES = 2 * 1024 * 1024;
const MAX_PREVIEWS_BYTES = 16 * 1024 * 1024;
// A data URI can be megabytes; the gallery shows where an asset lives, not its bytes.
const MAX_URI_CHARS = 300;

async function sizeOf(dir: string, path: string): Promise<number | null> {
  try {
    const info = await stat(await realPathInside(dir, join(dir, CARD_ASSETS_DIR, path)));
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

async function previewOf(dir: string, path: string): Promise<CardAssetInfo['preview']> {
  const bytes = await readLibraryFile(dir, join(dir, CARD_ASSETS_DIR, path));
  try {
    return { mediaType: sniffAvatar(bytes, path).mediaType, dataBase64: bytes.toString('base64') };
  } catch {
    // Named an image but not one a browser shows safely (the same check as avatars): no thumbnail.
    return null;
  }
}

/** The card assets of `character`, whose folder is `dir`; the portrait is left out when it is the avatar. */
export async function listCharacterAssets(character: Character, dir: string): Promise<CardAssetInfo[]> {
  const recorded = (cardRecordOf(character).fields.assets ?? []) as CardAsset[];
  const shown = recorded.filter((a) => !(character.avatar !== null && isMainIcon(a))).slice(0, MAX_ASSETS);
  let previewBytes = 0;
  const infos: CardAssetInfo[] = [];
  for (const asset of shown) {
    const path = embeddedPath(asset.uri);
    const sizeBytes = path === null ? null : await sizeOf(dir, path);
    let preview: CardAssetInfo['preview'] = null;
    if (path !== null && sizeBytes !== null && sizeBytes <= MAX_PREVIEW_BYTES && previewBytes + sizeBytes <= MAX_PREVIEWS_BYTES && (isImageExtension(asset.ext) || isImageExtension(extensionOf(path)))) {
      preview = await previewOf(dir, path);
      if (preview) previewBytes += sizeBytes;
    }
    infos.push({ type: asset.type, name: asset.name, ext: asset.ext, path, uri: path === null ? asset.uri.slice(0, MAX_URI_CHARS) : null, sizeBytes, preview });
  }
  return infos;
}
