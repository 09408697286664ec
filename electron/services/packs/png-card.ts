import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import pngText from 'png-chunk-text';
import { pngAssetChunkKey, PNG_ASSET_CHUNK_PREFIX } from '../../../shared/cards/card-assets';
import type { CardV2, CardV3 } from '../../../shared/cards/card-schema';
import type { PngAssetChunk } from '../../../shared/cards/png-assets';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import type { PackLimits } from './pack-limits';
import { checkPngStructure } from './png-structure';

// Character cards inside PNG images: a tEXt chunk `ccv3` (V3) or `chara` (V2/V1), holding base64 of
// the UTF-8 card JSON, and `chara-ext-asset_:key` chunks holding base64 of the assets the card names as
// `__asset:key`. Keywords compare case-insensitively; `ccv3` wins when both are present. Old RisuAI
// exports also carry a `risuai` chunk (RisuAI's own record of the whole character, often megabytes),
// which no other app reads; it is stripped like the others so the stored avatar is the image alone.

const CARD_KEYWORDS = ['ccv3', 'chara'] as const;
const RISUAI_KEYWORD = 'risuai';

type Chunk = { name: string; data: Uint8Array };
type CardChunk = 'ccv3' | 'chara' | 'asset' | 'risuai';

const textOf = (chunk: Chunk) => pngText.decode(chunk.data);

function cardChunkKind(chunk: Chunk): CardChunk | null {
  if (chunk.name !== 'tEXt') return null;
  const keyword = textOf(chunk).keyword.toLowerCase();
  if ((CARD_KEYWORDS as readonly string[]).includes(keyword)) return keyword as 'ccv3' | 'chara';
  if (keyword === RISUAI_KEYWORD) return 'risuai';
  return keyword.startsWith(PNG_ASSET_CHUNK_PREFIX) ? 'asset' : null;
}

function readChunks(bytes: Uint8Array, source: string, limits: PackLimits): Chunk[] {
  checkPngStructure(bytes, source, limits);
  try {
    return extractChunks(bytes);
  } catch (error) {
    throw new StudioError('bad_file', `${source}: the PNG is damaged (${(error as Error).message})`);
  }
}

/** Strict base64 → bytes; Node's own decoder skips bad characters silently, which would hide a broken card. */
function decodeBase64(text: string, what: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new StudioError('bad_file', `${what} is not valid base64`);
  }
  return Buffer.from(compact, 'base64');
}

/** Strict base64 → UTF-8 text. */
function decodeBase64Text(text: string, what: string): string {
  const bytes = decodeBase64(text, what);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StudioError('bad_file', `${what} is not UTF-8 text once decoded`);
  }
}

/** Everything card-related a PNG holds. */
export interface PngCardContent {
  /** The card JSON text and the chunk it came from. */
  json: string;
  keyword: 'ccv3' | 'chara';
  /** The V2 backfill's JSON when the card came from `ccv3` (it alone carries top-level fields). */
  backfillJson?: string;
  /** The `chara-ext-asset_` chunks, decoded. */
  assets: PngAssetChunk[];
  /** How large an old RisuAI `risuai` chunk is (0 when there is none); it is not read. */
  risuaiChunkBytes: number;
}

function cardText(texts: Map<string, string>, keyword: 'ccv3' | 'chara', source: string, limits: PackLimits): string {
  const text = texts.get(keyword)!;
  if (text.length * 0.75 > limits.maxCardJsonBytes) {
    throw new StudioError('bad_file', `${source}: the "${keyword}" card is larger than ${formatBytes(limits.maxCardJsonBytes)}`);
  }
  // A few writers store the JSON itself instead of base64; that is unambiguous, so read it.
  return text.trimStart().startsWith('{') ? text : decodeBase64Text(text, `${source}: the "${keyword}" chunk`);
}

/** The card, its asset chunks and what else a PNG carries; throws naming `source` and the chunk when there is no card or it is broken. */
export function readPngCard(bytes: Uint8Array, source: string, limits: PackLimits): PngCardContent {
  const texts = new Map<string, string>();
  const assets: PngAssetChunk[] = [];
  let risuaiChunkBytes = 0;
  for (const chunk of readChunks(bytes, source, limits)) {
    const kind = cardChunkKind(chunk);
    if (kind === 'risuai') risuaiChunkBytes += chunk.data.length;
    else if (kind === 'asset') {
      const { keyword, text } = textOf(chunk);
      const key = pngAssetChunkKey(keyword);
      if (key === null || assets.some((a) => a.key === key)) continue;
      // Each asset becomes a file, so a PNG may hold no more of them than an archive may hold entries.
      if (assets.length === limits.maxEntries) throw new StudioError('bad_file', `${source}: the PNG holds more than ${limits.maxEntries} asset chunks`);
      assets.push({ key, bytes: decodeBase64(text, `${source}: the "${keyword}" chunk`) });
    } else if (kind !== null && !texts.has(kind)) texts.set(kind, textOf(chunk).text);
  }
  const keyword = CARD_KEYWORDS.find((k) => texts.has(k));
  if (!keyword) throw new StudioError('bad_file', `${source}: this PNG holds no character card (no "ccv3" or "chara" text chunk)`);
  const json = cardText(texts, keyword, source, limits);
  const backfillJson = keyword === 'ccv3' && texts.has('chara') ? cardText(texts, 'chara', source, limits) : undefined;
  return { json, keyword, ...(backfillJson !== undefined ? { backfillJson } : {}), assets, risuaiChunkBytes };
}

const base64Json = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/** The image with every card chunk removed (card, assets, RisuAI's record): the avatar kept in the library. */
export function stripCardChunks(bytes: Uint8Array, source: string, limits: PackLimits): Uint8Array {
  return encodeChunks(readChunks(bytes, source, limits).filter((c) => cardChunkKind(c) === null));
}

/** A card PNG: `image` with any old card chunks replaced by the asset chunks, `chara` (V2 backfill) and `ccv3` (V3). */
export function writePngCard(image: Uint8Array, card: { v3: CardV3; v2: CardV2; assets: PngAssetChunk[] }, limits: PackLimits): Uint8Array {
  const chunks = readChunks(image, 'avatar image', limits).filter((c) => cardChunkKind(c) === null);
  const end = chunks.findIndex((c) => c.name === 'IEND');
  const assetChunks = card.assets.map((a) => pngText.encode(`${PNG_ASSET_CHUNK_PREFIX}:${a.key}`, Buffer.from(a.bytes).toString('base64')));
  chunks.splice(end, 0, ...assetChunks, pngText.encode('chara', base64Json(card.v2)), pngText.encode('ccv3', base64Json(card.v3)));
  return encodeChunks(chunks);
}
