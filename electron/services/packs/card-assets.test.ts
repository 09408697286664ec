import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import extractChunks from 'png-chunks-extract';
import pngText from 'png-chunk-text';
import { describe, expect, it } from 'vitest';
import { CARD_RECORD_KEY, cardRecordOf } from '../../../shared/cards/card-record';
import { describeOmissions } from '../../../shared/cards/export-omissions';
import type { Character } from '../../../shared/character/character-schema';
import { CharacterLibrary } from '../characters/character-library';
import { useTempDir } from '../../test-support/temp-dir';
import {
  CHARX_EMOTION, CHARX_ICON, charxWithEmotion, fixtureImage, jpegWithCharx, MODULE_SCRIPTS, PNG_FIXTURE_ASSETS, v3PngWithAssetChunks, type FixtureAsset,
} from './asset-card-fixtures';
import { PacksService } from './packs-service';
import { readCharxLikeRisu, readJsonLikeRisu, readPngLikeRisu, type RisuRead } from './risu-rules-reader';

// Cards with assets, as RisuAI and SillyTavern write them: imported, exported in every format, read
// by a reader that follows RisuAI's rules, and imported again. Every asset comes back byte for byte
// from the formats that carry assets; the formats that cannot carry one say so by name.

const tempDir = useTempDir('studio-card-assets-');
const FORMATS = ['png', 'json', 'charx', 'pack'] as const;
type Format = (typeof FORMATS)[number];

async function setup() {
  const root = await tempDir();
  const library = new CharacterLibrary(join(root, 'characters'), join(root, 'trash'));
  return { library, packs: new PacksService(library, { studioVersion: '0.1.0-test', uploadsDir: join(root, '.uploads') }) };
}

type Studio = Awaited<ReturnType<typeof setup>>;

const asKey = (a: { type: string; name: string; ext: string; bytes: Buffer | null }) => ({ type: a.type, name: a.name, ext: a.ext, sha: a.bytes?.toString('base64') ?? null });
const sorted = <T extends { name: string }>(list: T[]): T[] => [...list].sort((a, b) => a.name.localeCompare(b.name));

/** The character's assets as the gallery lists them, with the bytes of each kept file. */
async function keptAssets({ library, packs }: Studio, id: string) {
  const listed = await packs.assets(id);
  const withBytes = await Promise.all(listed.map(async (a) => ({ ...a, bytes: a.path === null ? null : await readFile(join(library.charactersDir, id, 'card-assets', a.path)) })));
  return sorted(withBytes.map(asKey));
}

// Fields the library sets on import (id, revision, time, avatar name) and the card record, which
// holds where assets sit and the creation date an export fills in; the record's other fields are
// compared on their own.
function comparable(c: Character) {
  const { id: _id, revision: _revision, modifiedAt: _modifiedAt, avatar: _avatar, extensions, ...rest } = c;
  const { [CARD_RECORD_KEY]: _record, ...otherExtensions } = extensions;
  const { assets: _assets, creation_date: _created, ...fields } = cardRecordOf(c).fields;
  return { ...rest, extensions: otherExtensions, fields, unknownData: cardRecordOf(c).unknownData };
}

const READERS: Record<Format, (bytes: Buffer) => RisuRead | Promise<RisuRead>> = { png: readPngLikeRisu, json: readJsonLikeRisu, charx: readCharxLikeRisu, pack: readCharxLikeRisu };

interface Fixture {
  label: string;
  fileName: string;
  build: () => Promise<Buffer>;
  assets: FixtureAsset[];
  avatar: Buffer;
  /** The RisuAI module's scripts the character carries in extensions.risuai. */
  scripts: boolean;
}

const FIXTURES: Fixture[] = [
  { label: 'a V3 PNG with two chara-ext-asset_ chunks', fileName: 'aster.png', build: async () => v3PngWithAssetChunks('Aster'), assets: PNG_FIXTURE_ASSETS, avatar: fixtureImage('Aster'), scripts: false },
  { label: 'a CHARX with an emotion image', fileName: 'wren.charx', build: () => charxWithEmotion('Wren'), assets: [CHARX_EMOTION], avatar: CHARX_ICON, scripts: true },
  { label: 'a JPEG with a CHARX appended', fileName: 'wren.jpg', build: () => jpegWithCharx('Wren'), assets: [CHARX_EMOTION], avatar: CHARX_ICON, scripts: true },
];

async function importOne(studio: Studio, fileName: string, bytes: Uint8Array): Promise<Character> {
  const result = await studio.packs.importFiles([{ fileName, bytes }]);
  expect(result.failed).toEqual([]);
  return studio.library.get(result.imported[0]!.id);
}

describe('cards with assets: import, every export, import again', () => {
  for (const fixture of FIXTURES) {
    it(fixture.label, async () => {
      const studio = await setup();
      const expected = sorted(fixture.assets.map(asKey));
      const original = await importOne(studio, fixture.fileName, await fixture.build());
      expect(await keptAssets(studio, original.id)).toEqual(expected);
      expect(Buffer.from((await studio.library.readAvatar(original.id))!.bytes).equals(fixture.avatar)).toBe(true);
      if (fixture.scripts) expect(original.extensions.risuai).toMatchObject({ customScripts: MODULE_SCRIPTS.regex, triggerscript: MODULE_SCRIPTS.trigger });

      for (const format of FORMATS) {
        const exported = await studio.packs.export(original.id, format);
        const risu = await READERS[format](Buffer.from(exported.bytes));
        const carried = sorted(risu.assets.filter((a) => a.type !== 'icon').map(asKey));
        const names = fixture.assets.map((a) => a.name);
        const lines = describeOmissions(format, exported.omitted).join('\n');
        if (format === 'json') {
          expect(carried).toEqual([]);
          for (const name of [...names, 'main']) expect(lines).toContain(`asset "${name}"`);
        } else {
          expect(carried, `${format} carries every asset`).toEqual(expected);
          expect(risu.assets.filter((a) => a.type === 'icon' && a.name === 'main')).toHaveLength(1);
        }
        if (format === 'png') expect(exported.omitted.filter((o) => o.part === 'v2-chunk').map((o) => o.name).sort()).toEqual([...names].sort());
        if (fixture.scripts) expect(risu.card.data.extensions).toMatchObject({ risuai: { customScripts: MODULE_SCRIPTS.regex, triggerscript: MODULE_SCRIPTS.trigger } });

        const back = await importOne(studio, exported.fileName, exported.bytes);
        expect(await keptAssets(studio, back.id), `${format} → studio keeps the assets`).toEqual(format === 'json' ? [] : expected);
        expect(comparable(back), `${format} → studio keeps the fields`).toEqual(comparable(original));
        const avatar = await studio.library.readAvatar(back.id);
        if (format === 'json') expect(avatar).toBeNull();
        else expect(Buffer.from(avatar!.bytes).equals(fixture.avatar), `${format} keeps the portrait`).toBe(true);
      }
    });
  }
});

describe('what each format does with the rest of a card', () => {
  it('keeps SillyTavern top-level fields in the studio, writes them only in the V2 chunk (tags refreshed) and names them where left out', async () => {
    const studio = await setup();
    const original = await importOne(studio, 'aster.png', v3PngWithAssetChunks('Aster'));
    expect(cardRecordOf(original).unknownTop).toEqual({ talkativeness: '0.5', fav: false, tags: ['stale'] });
    const png = Buffer.from((await studio.packs.export(original.id, 'png')).bytes);
    const texts = new Map(extractChunks(png).filter((c) => c.name === 'tEXt').map((c) => pngText.decode(c.data)).map((t) => [t.keyword, t.text]));
    const decode = (k: string) => JSON.parse(Buffer.from(texts.get(k)!, 'base64').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(decode('ccv3')).sort()).toEqual(['data', 'spec', 'spec_version']);
    expect(decode('chara')).toMatchObject({ talkativeness: '0.5', fav: false, tags: ['sea'] });
    for (const format of ['json', 'charx'] as const) {
      const exported = await studio.packs.export(original.id, format);
      const card = format === 'json' ? readJsonLikeRisu(Buffer.from(exported.bytes)).card : (await readCharxLikeRisu(Buffer.from(exported.bytes))).card;
      expect(Object.keys(card).sort()).toEqual(['data', 'spec', 'spec_version']);
      expect(exported.omitted.filter((o) => o.kind === 'top-level-field').map((o) => o.name)).toEqual(['talkativeness', 'fav', 'tags']);
    }
  });

  it('stores the avatar as the image alone: no card, asset or RisuAI chunk rides along, and the dropped risuai chunk is named', async () => {
    const studio = await setup();
    const result = await studio.packs.importFiles([{ fileName: 'aster.png', bytes: v3PngWithAssetChunks('Aster') }]);
    expect(result.imported[0]!.warnings.join()).toMatch(/"risuai" chunk \(4.0 KB.*not read or kept/);
    const avatar = (await studio.library.readAvatar(result.imported[0]!.id))!.bytes;
    expect(extractChunks(avatar).filter((c) => c.name === 'tEXt')).toEqual([]);
  });

  it('a CHARX of a character without an avatar carries the drawn portrait as its main icon', async () => {
    const studio = await setup();
    const plain = Buffer.from(JSON.stringify({ spec: 'chara_card_v2', spec_version: '2.0', data: { name: 'Plain', first_mes: 'Hi.' } }));
    const character = await importOne(studio, 'plain.json', plain);
    expect(character.avatar).toBeNull();
    for (const format of ['charx', 'pack'] as const) {
      const read = await readCharxLikeRisu(Buffer.from((await studio.packs.export(character.id, format)).bytes));
      expect(read.assets).toEqual([{ type: 'icon', name: 'main', ext: 'png', bytes: expect.any(Buffer) }]);
      expect(read.assets[0]!.bytes!.subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('reads a CHARX appended to a JPEG or PNG whatever its name, and says what a file is when it is no card', async () => {
    const studio = await setup();
    const charx = await charxWithEmotion('Wren');
    const result = await studio.packs.importFiles([
      { fileName: 'renamed.charx', bytes: await jpegWithCharx('Wren') },
      { fileName: 'on-a-png.png', bytes: Buffer.concat([fixtureImage('cover'), charx]) },
      { fileName: 'photo.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9]) },
      { fileName: 'noise.charx', bytes: Buffer.from([0, 159, 146, 150, 1, 2, 3]) },
    ]);
    expect(result.imported.map((i) => [i.fileName, i.format, i.name])).toEqual([['renamed.charx', 'charx', 'Wren'], ['on-a-png.png', 'charx', 'Wren']]);
    expect(result.failed).toEqual([
      { fileName: 'photo.jpg', message: 'photo.jpg: a JPEG image with no CHARX archive appended to it, so it holds no character card' },
      { fileName: 'noise.charx', message: 'noise.charx: not a character card: neither a PNG or JPEG image, a zip archive (CHARX) nor UTF-8 JSON text' },
    ]);
  });

  it('reads a JPEG with a CHARX appended from a file on disk too (an upload in pieces, a CLI path)', async () => {
    const studio = await setup();
    const file = join(await tempDir(), 'big.jpg');
    await writeFile(file, await jpegWithCharx('Wren'));
    const result = await studio.packs.importFiles([{ fileName: 'big.jpg', file }]);
    expect(result.failed).toEqual([]);
    expect(await keptAssets(studio, result.imported[0]!.id)).toEqual([asKey(CHARX_EMOTION)]);
  });
});
