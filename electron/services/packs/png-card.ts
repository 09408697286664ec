import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import pngText from 'png-chunk-text';
import type { CardV2, CardV3 } from '../../../shared/cards/card-schema';
import { StudioError } from '../../../shared/contract/errors';
import { formatBytes } from '../../../shared/text/format-bytes';
import type { PackLimits } from './pack-limits';
import { checkPngStructure } from './png-structure';

// Character cards inside PNG images: a tEXt chunk `ccv3` (V3) or `chara` (V2/V1), holding base64 of
// the UTF-8 card JSON. Keywords compare case-insensitively; `ccv3` wins when both are present.

const CARD_KEYWORDS = ['ccv3', 'chara'] as const;

type Chunk = { name: string; data: Uint8Array };

const isCardChunk = (chunk: Chunk): string | null => {
  if (chunk.name !== 'tEXt') return null;
  const keyword = pngText.decode(chunk.data).keyword.toLowerCase();
  return (CARD_KEYWORDS as readonly string[]).includes(keyword) ? keyword : null;
};

function readChunks(bytes: Uint8Array, source: string, limits: PackLimits): Chunk[] {
  checkPngStructure(bytes, source, limits);
  try {
    return extractChunks(bytes);
  } catch (error) {
    throw new StudioError('bad_file', `${source}: the PNG is damaged (${(error as Error).message})`);
  }
}

/** Strict base64 → UTF-8 text; Node's own decoder skips bad characters silently, which would hide a broken card. */
export function decodeBase64Text(text: string, what: string): string {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new StudioError('bad_file', `${what} is not valid base64`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    throw new StudioError('bad_file', `${what} is not UTF-8 text once decoded`);
  }
}

/** The card JSON text in a PNG and the chunk it came from; throws naming `source` when there is none or it is broken. */
export function readPngCard(bytes: Uint8Array, source: string, limits: PackLimits): { json: string; keyword: 'ccv3' | 'chara' } {
  const chunks = readChunks(bytes, source, limits);
  const found = new Map<string, string>();
  for (const chunk of chunks) {
    const keyword = isCardChunk(chunk);
    if (keyword && !found.has(keyword)) found.set(keyword, pngText.decode(chunk.data).text);
  }
  const keyword = CARD_KEYWORDS.find((k) => found.has(k));
  if (!keyword) throw new StudioError('bad_file', `${source}: this PNG holds no character card (no "ccv3" or "chara" text chunk)`);
  const text = found.get(keyword)!;
  if (text.length * 0.75 > limits.maxCardJsonBytes) {
    throw new StudioError('bad_file', `${source}: the "${keyword}" card is larger than ${formatBytes(limits.maxCardJsonBytes)}`);
  }
  // A few writers store the JSON itself instead of base64; that is unambiguous, so read it.
  const json = text.trimStart().startsWith('{') ? text : decodeBase64Text(text, `${source}: the "${keyword}" chunk`);
  return { json, keyword };
}

const base64Json = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/** The image with its card chunks removed (the avatar kept in the library). */
export function stripCardChunks(bytes: Uint8Array, source: string, limits: PackLimits): Uint8Array {
  return encodeChunks(readChunks(bytes, source, limits).filter((c) => isCardChunk(c) === null));
}

/** A card PNG: `image` with any old card chunks replaced by `ccv3` (V3) and `chara` (V2 backfill). */
export function writePngCard(image: Uint8Array, v3: CardV3, v2: CardV2, limits: PackLimits): Uint8Array {
  const chunks = readChunks(image, 'avatar image', limits).filter((c) => isCardChunk(c) === null);
  const end = chunks.findIndex((c) => c.name === 'IEND');
  const cardChunks = [pngText.encode('chara', base64Json(v2)), pngText.encode('ccv3', base64Json(v3))];
  chunks.splice(end, 0, ...cardChunks);
  return encodeChunks(chunks);
}
