import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import pngText from 'png-chunk-text';
import { describe, expect, it } from 'vitest';
import { characterToCard, toV2Card } from '../../../shared/cards/character-to-card';
import { fullCharacter } from '../../../shared/cards/test-characters';
import { PACK_LIMITS } from './pack-limits';
import { placeholderAvatar } from './placeholder-avatar';
import { readPngCard, stripCardChunks, writePngCard } from './png-card';

const SERAPHINA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'cards', 'seraphina-sillytavern.png');

function cardPng(): Uint8Array {
  const card = characterToCard(fullCharacter());
  return writePngCard(placeholderAvatar('林黛玉'), { v3: card, v2: toV2Card(card, {}), assets: [] }, PACK_LIMITS);
}

function withText(keyword: string, text: string): Uint8Array {
  const chunks = extractChunks(placeholderAvatar('x'));
  chunks.splice(chunks.length - 1, 0, pngText.encode(keyword, text));
  return encodeChunks(chunks);
}

describe('PNG cards', () => {
  it('writes both chunks, readable with the plain libraries other apps use', () => {
    const texts = extractChunks(cardPng()).filter((c) => c.name === 'tEXt').map((c) => pngText.decode(c.data));
    expect(texts.map((t) => t.keyword).sort()).toEqual(['ccv3', 'chara']);
    const decode = (keyword: string) => JSON.parse(Buffer.from(texts.find((t) => t.keyword === keyword)!.text, 'base64').toString('utf8'));
    expect(decode('ccv3')).toMatchObject({ spec: 'chara_card_v3', spec_version: '3.0', data: { name: '林黛玉', first_mes: '你来了。' } });
    expect(decode('chara')).toMatchObject({ spec: 'chara_card_v2', spec_version: '2.0', name: '林黛玉', data: { name: '林黛玉' } });
  });

  it('prefers ccv3 over chara, comparing keywords case-insensitively', () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');
    const chunks = extractChunks(placeholderAvatar('x'));
    chunks.splice(1, 0, pngText.encode('Chara', b64({ name: 'v2' })), pngText.encode('CCV3', b64({ spec: 'chara_card_v3', data: { name: 'v3' } })));
    const { json, keyword } = readPngCard(encodeChunks(chunks), 'x.png', PACK_LIMITS);
    expect(keyword).toBe('ccv3');
    expect(JSON.parse(json).data.name).toBe('v3');
  });

  it('replaces old card chunks instead of adding a second pair', () => {
    const card = characterToCard(fullCharacter({ name: 'Second' }));
    const again = writePngCard(cardPng(), { v3: card, v2: toV2Card(card, {}), assets: [] }, PACK_LIMITS);
    const keywords = extractChunks(again).filter((c) => c.name === 'tEXt').map((c) => pngText.decode(c.data).keyword);
    expect(keywords).toEqual(['chara', 'ccv3']);
    expect(JSON.parse(readPngCard(again, 'a.png', PACK_LIMITS).json).data.name).toBe('Second');
    expect(extractChunks(stripCardChunks(again, 'a.png', PACK_LIMITS)).some((c) => c.name === 'tEXt')).toBe(false);
  });

  it('refuses a truncated PNG, naming the file', () => {
    const png = cardPng();
    expect(() => readPngCard(png.subarray(0, png.length - 200), 'cut.png', PACK_LIMITS)).toThrow(/^cut\.png: the PNG is truncated/);
  });

  it('refuses a chunk whose length points past the end without allocating it', () => {
    const png = Buffer.from(cardPng());
    png.writeUInt32BE(0xfffffff0, 33); // the chunk after IHDR claims ~4 GiB
    expect(() => readPngCard(png, 'evil.png', PACK_LIMITS)).toThrow(/evil\.png: the PNG is truncated \(chunk 1/);
  });

  it('refuses bad base64, a PNG without a card, a damaged CRC, and an oversized image', () => {
    expect(() => readPngCard(withText('chara', '!!!not base64***'), 'b64.png', PACK_LIMITS)).toThrow('b64.png: the "chara" chunk is not valid base64');
    expect(() => readPngCard(placeholderAvatar('x'), 'plain.png', PACK_LIMITS)).toThrow(/plain\.png: this PNG holds no character card/);
    const damaged = Buffer.from(cardPng());
    damaged[40] = damaged[40]! ^ 0xff;
    expect(() => readPngCard(damaged, 'crc.png', PACK_LIMITS)).toThrow(/crc\.png: the PNG is damaged \(CRC/);
    expect(() => readPngCard(cardPng(), 'big.png', { ...PACK_LIMITS, maxImageSide: 100 })).toThrow(/big\.png: the image is 256×256 pixels/);
    expect(() => readPngCard(Buffer.from('GIF89a'), 'gif.png', PACK_LIMITS)).toThrow(/gif\.png: not a PNG image/);
  });

  it('writes and reads chara-ext-asset_ chunks, refusing a broken one or too many by name', () => {
    const card = characterToCard(fullCharacter());
    const assets = [{ key: '1', bytes: Buffer.from('first') }, { key: '2', bytes: Buffer.from('second') }];
    const png = writePngCard(placeholderAvatar('x'), { v3: card, v2: toV2Card(card, {}), assets }, PACK_LIMITS);
    expect(readPngCard(png, 'a.png', PACK_LIMITS).assets.map((a) => [a.key, Buffer.from(a.bytes).toString()])).toEqual([['1', 'first'], ['2', 'second']]);
    expect(() => readPngCard(png, 'many.png', { ...PACK_LIMITS, maxEntries: 1 })).toThrow('many.png: the PNG holds more than 1 asset chunks');
    const broken = extractChunks(withText('ccv3', Buffer.from(JSON.stringify(card)).toString('base64')));
    broken.splice(1, 0, pngText.encode('chara-ext-asset_:7', '*not base64*'));
    expect(() => readPngCard(encodeChunks(broken), 'b.png', PACK_LIMITS)).toThrow('b.png: the "chara-ext-asset_:7" chunk is not valid base64');
  });

  it.runIf(existsSync(SERAPHINA))('reads the SillyTavern fixture (chara chunk, V2)', () => {
    const { json, keyword } = readPngCard(readFileSync(SERAPHINA), 'seraphina.png', PACK_LIMITS);
    expect(keyword).toBe('chara');
    expect(JSON.parse(json).data.name).toBe('Seraphina');
  });
  if (!existsSync(SERAPHINA)) console.log(`skipped the SillyTavern fixture test: ${SERAPHINA} is absent`);
});
