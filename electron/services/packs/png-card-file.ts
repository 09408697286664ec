import { embeddedPath, mainIcon } from '../../../shared/cards/card-assets';
import { parseCardJson, type NormalizedCard } from '../../../shared/cards/normalize-card';
import { placePngAssets } from '../../../shared/cards/png-assets';
import { formatBytes } from '../../../shared/text/format-bytes';
import { CARD_ASSETS_DIR } from './folder-files';
import type { PackLimits } from './pack-limits';
import { readPngCard } from './png-card';
import type { CardFile } from './read-card-file';

// A PNG card → the card, its avatar and its assets as files. The image itself is the portrait unless
// the card names an `__asset:` chunk as its main icon; the caller strips card chunks from whichever
// image becomes the avatar.

/** The V2 backfill's unknown top-level fields (SillyTavern's `talkativeness`, `fav`…): V3 may not hold them. */
function backfillTop(json: string | undefined, source: string): Record<string, unknown> {
  if (json === undefined) return {};
  try {
    return parseCardJson(json, source).unknownTop;
  } catch {
    // The backfill only adds top-level fields; a broken one adds none, and the V3 card was read.
    return {};
  }
}

/** Reads a PNG card's bytes; throws a StudioError naming `source` and the chunk when the card or an asset chunk is broken. */
export function readPngCardFile(bytes: Uint8Array, source: string, limits: PackLimits): CardFile {
  const content = readPngCard(bytes, source, limits);
  const read = parseCardJson(content.json, source);
  const placed = placePngAssets(read.data, content.assets);
  const card: NormalizedCard = {
    ...read,
    data: { ...read.data, assets: placed.assets },
    unknownTop: { ...backfillTop(content.backfillJson, source), ...read.unknownTop },
  };
  const warnings = [...placed.warnings];
  if (content.risuaiChunkBytes > 0) {
    warnings.push(`the PNG's "risuai" chunk (${formatBytes(content.risuaiChunkBytes)}, old RisuAI's own copy of the character) is not read or kept; the card was read from its "${content.keyword}" chunk`);
  }
  const iconPath = embeddedPath(mainIcon(placed.assets)?.uri ?? '');
  const icon = placed.files.find((f) => f.path === iconPath);
  const files = placed.files.map((f) => ({ path: `${CARD_ASSETS_DIR}/${f.path}`, bytes: f.bytes }));
  return { format: 'png', card, avatar: icon?.bytes ?? bytes, files, warnings };
}
