import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import pngText from 'png-chunk-text';
import { placeholderAvatar } from './placeholder-avatar';
import { encodeRPack } from './risu-module';
import { zipToBuffer } from './zip-write';

// Cards with assets as RisuAI and SillyTavern write them, built here so the tests need no downloaded
// files: a V3 PNG with `chara-ext-asset_` chunks, a CHARX with an emotion image and a RisuAI module,
// and that CHARX appended to a JPEG (RisuAI's "CharX Embedded Jpeg").

/** One asset a fixture carries, with the bytes a reader must find again. */
export interface FixtureAsset {
  type: string;
  name: string;
  ext: string;
  bytes: Buffer;
}

/** The regex and trigger scripts in the fixture's RisuAI module (RisuAI's shapes, abridged). */
export const MODULE_SCRIPTS = {
  regex: [{ comment: 'soften', in: 'angry', out: 'cross', type: 'editoutput', ableFlag: false }],
  trigger: [{ comment: 'greet', type: 'start', conditions: [], effect: [{ type: 'setvar', var: 'met', value: '1', operator: '=' }] }],
};

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

/** Distinct small PNG images (their gradients come from the seed). */
export const fixtureImage = (seed: string): Buffer => Buffer.from(placeholderAvatar(seed));

/** The two assets of the PNG fixture. */
export const PNG_FIXTURE_ASSETS: FixtureAsset[] = [
  { type: 'emotion', name: 'happy', ext: 'png', bytes: fixtureImage('happy') },
  { type: 'background', name: 'forest', ext: 'png', bytes: fixtureImage('forest') },
];

/**
 * A V3 PNG as RisuAI writes it: the image is the main icon (`ccdefault:`), two `chara-ext-asset_:N`
 * chunks referenced as `__asset:N`, a V2 `chara` backfill with SillyTavern's top-level fields, and an
 * old RisuAI `risuai` chunk.
 */
export function v3PngWithAssetChunks(name = 'Aster'): Buffer {
  const data = {
    name, description: `${name} tends a lighthouse.`, first_mes: 'The lamp is lit.', tags: ['sea'], group_only_greetings: [],
    extensions: { risuai: { utilityBot: false } },
    assets: [
      { type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' },
      ...PNG_FIXTURE_ASSETS.map((a, i) => ({ type: a.type, uri: `__asset:${i + 1}`, name: a.name, ext: a.ext })),
    ],
  };
  const v3 = { spec: 'chara_card_v3', spec_version: '3.0', data };
  const v2 = { spec: 'chara_card_v2', spec_version: '2.0', name, talkativeness: '0.5', fav: false, tags: ['stale'], data: { name, description: data.description, first_mes: data.first_mes } };
  const chunks = extractChunks(fixtureImage(name));
  chunks.splice(chunks.length - 1, 0,
    ...PNG_FIXTURE_ASSETS.map((a, i) => pngText.encode(`chara-ext-asset_:${i + 1}`, a.bytes.toString('base64'))),
    pngText.encode('risuai', 'x'.repeat(4096)),
    pngText.encode('chara', b64(v2)),
    pngText.encode('ccv3', b64(v3)));
  return Buffer.from(encodeChunks(chunks));
}

/** A `module.risum` as RisuAI's exportModule writes it (no module assets). */
export function risuModule(module: Record<string, unknown>): Buffer {
  const main = encodeRPack(Buffer.from(JSON.stringify({ module, type: 'risuModule' }, null, 2)));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(main.length);
  return Buffer.concat([Buffer.from([111, 0]), length, main, Buffer.from([0])]);
}

/** The emotion image of the CHARX fixture. */
export const CHARX_EMOTION: FixtureAsset = { type: 'emotion', name: 'smile', ext: 'png', bytes: fixtureImage('smile') };

/** The CHARX fixture's portrait. */
export const CHARX_ICON = fixtureImage('icon');

/** A CHARX as RisuAI writes it: card.json, the icon and an emotion image, x_meta, and the scripts in module.risum. */
export function charxWithEmotion(name = 'Wren'): Promise<Buffer> {
  const card = {
    spec: 'chara_card_v3', spec_version: '3.0',
    data: {
      name, description: `${name} paints storms.`, first_mes: 'Hold still.', group_only_greetings: [],
      extensions: { risuai: { utilityBot: false } },
      assets: [
        { type: 'icon', uri: 'embeded://assets/icon/image/1.png', name: 'main', ext: 'png' },
        { type: CHARX_EMOTION.type, uri: 'embeded://assets/emotion/image/2.png', name: CHARX_EMOTION.name, ext: CHARX_EMOTION.ext },
      ],
    },
  };
  return zipToBuffer([
    { path: 'module.risum', data: risuModule({ name: `${name} Module`, description: '', id: 'm1', ...MODULE_SCRIPTS, lorebook: [] }) },
    { path: 'card.json', data: Buffer.from(JSON.stringify(card, null, 4)) },
    { path: 'assets/icon/image/1.png', data: CHARX_ICON },
    { path: 'assets/emotion/image/2.png', data: CHARX_EMOTION.bytes },
    { path: 'x_meta/2.json', data: Buffer.from('{"type":"PNG"}') },
  ]);
}

/** A tiny JPEG (header and end marker): enough for every reader that sniffs the type and no more. */
export const TINY_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

/** RisuAI's "CharX Embedded Jpeg": the CHARX fixture appended to a JPEG, its offsets counted from the zip's own start. */
export async function jpegWithCharx(name = 'Wren'): Promise<Buffer> {
  return Buffer.concat([TINY_JPEG, await charxWithEmotion(name)]);
}
