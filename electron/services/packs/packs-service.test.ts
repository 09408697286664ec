import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import pngText from 'png-chunk-text';
import { describe, expect, it } from 'vitest';
import { fullCharacter } from '../../../shared/cards/test-characters';
import type { Character } from '../../../shared/character/character-schema';
import { CharacterLibrary } from '../characters/character-library';
import { useTempDir } from '../../test-support/temp-dir';
import { absolutePathArchive, zipBombArchive, zipSlipArchive } from './malicious-zips';
import { placeholderAvatar } from './placeholder-avatar';
import { PacksService } from './packs-service';
import { zipToBuffer } from './zip-write';

function pngWithText(keyword: string, text: string): Buffer {
  const chunks = extractChunks(placeholderAvatar('x'));
  chunks.splice(chunks.length - 1, 0, pngText.encode(keyword, text));
  return Buffer.from(encodeChunks(chunks));
}

const tempDir = useTempDir('studio-packs-');
const SERAPHINA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'cards', 'seraphina-sillytavern.png');

async function setup(installed: { name: string; sha256?: string }[] = []) {
  const root = await tempDir();
  const library = new CharacterLibrary(join(root, 'characters'), join(root, 'trash'));
  const packs = new PacksService(library, { studioVersion: '0.1.0-test', uploadsDir: join(root, '.uploads'), installedModels: async () => installed });
  return { root, library, packs };
}

/** Adds the full test character with an avatar and the files a trained, corrected character has. */
async function seedCharacter(library: CharacterLibrary): Promise<Character> {
  const [added] = await library.addImported([{
    character: fullCharacter(),
    avatar: { bytes: placeholderAvatar('avatar') },
    files: [
      { path: 'adapters/gentle/adapter.gguf', bytes: Buffer.from('GGUF fake adapter bytes') },
      { path: 'adapters/gentle/metadata.json', bytes: Buffer.from(JSON.stringify({ baseModel: { name: 'CharacterGLM-6B Q4_K_M', sha256: 'a'.repeat(64) } })) },
      { path: 'datasets/corrections.jsonl', bytes: Buffer.from('{"messages":[]}\n') },
      { path: 'corrections.jsonl', bytes: Buffer.from('{"original":"a","corrected":"b"}\n') },
      { path: 'evaluations.jsonl', bytes: Buffer.from('{"winner":"adapter"}\n') },
      { path: 'chats/first.jsonl', bytes: Buffer.from('{"private":true}\n') },
    ],
  }], 'seed');
  return added!;
}

// Fields the library sets itself on import (a new id, revision 0, the import time, its avatar name).
const comparable = (c: Character) => {
  const { id: _id, revision: _revision, modifiedAt: _modifiedAt, avatar: _avatar, extensions, ...rest } = c;
  return { ...rest, extensions: { other_app: extensions.other_app } };
};

async function roundTrip(format: 'png' | 'json' | 'charx' | 'pack') {
  const { library, packs } = await setup();
  const original = await seedCharacter(library);
  const exported = await packs.export(original.id, format);
  const result = await packs.importFiles([{ fileName: exported.fileName, bytes: exported.bytes }]);
  expect(result.failed).toEqual([]);
  const back = await library.get(result.imported[0]!.id);
  return { library, packs, original, back, exported, result };
}

describe('round trips keep every field', () => {
  for (const format of ['png', 'json', 'charx', 'pack'] as const) {
    it(`studio → ${format} → studio`, async () => {
      const { original, back } = await roundTrip(format);
      expect(comparable(back)).toEqual(comparable(original));
    });
  }

  it('carries the avatar through PNG, CHARX and pack', async () => {
    for (const format of ['png', 'charx', 'pack'] as const) {
      const { library, back } = await roundTrip(format);
      expect(back.avatar).toBe('avatar.png');
      expect(Buffer.from((await library.readAvatar(back.id))!.bytes).equals(Buffer.from(placeholderAvatar('avatar')))).toBe(true);
    }
  });
});

describe('studio pack', () => {
  it('restores adapters, datasets, corrections and the evaluation log, and leaves chats out by name', async () => {
    const { library, back, exported, result } = await roundTrip('pack');
    expect(exported.fileName).toBe('林黛玉.pack.charx');
    expect(exported.leftOut).toEqual(['chats/first.jsonl']);
    const dir = join(library.charactersDir, back.id);
    expect(await readFile(join(dir, 'adapters/gentle/adapter.gguf'), 'utf8')).toBe('GGUF fake adapter bytes');
    expect(await readFile(join(dir, 'corrections.jsonl'), 'utf8')).toContain('corrected');
    expect(await readFile(join(dir, 'evaluations.jsonl'), 'utf8')).toContain('winner');
    expect(await readFile(join(dir, 'datasets/corrections.jsonl'), 'utf8')).toContain('messages');
    expect(existsSync(join(dir, 'chats'))).toBe(false);
    expect(result.imported[0]!.format).toBe('pack');
  });

  it('keeps an adapter whose base model is missing and flags it', async () => {
    const { result, back, library } = await roundTrip('pack');
    expect(result.imported[0]!.missingBaseModels).toEqual([{ adapter: 'gentle', baseModel: 'CharacterGLM-6B Q4_K_M', sha256: 'a'.repeat(64) }]);
    expect(result.imported[0]!.warnings.join()).toMatch(/adapter "gentle" .* not installed; the adapter is kept/);
    expect(existsSync(join(library.charactersDir, back.id, 'adapters/gentle/adapter.gguf'))).toBe(true);
  });

  it('does not flag an adapter whose base model is installed', async () => {
    const { library, packs } = await setup([{ name: 'whatever', sha256: 'a'.repeat(64) }]);
    const original = await seedCharacter(library);
    const exported = await packs.export(original.id, 'pack');
    const result = await packs.importFiles([{ fileName: 'p.charx', bytes: exported.bytes }]);
    expect(result.imported[0]!.missingBaseModels).toEqual([]);
  });

  it('refuses a pack whose file does not match the manifest, writing nothing', async () => {
    const { library, packs } = await setup();
    const original = await seedCharacter(library);
    const exported = Buffer.from((await packs.export(original.id, 'pack')).bytes);
    const at = exported.indexOf('GGUF fake adapter bytes');
    exported.write('EVIL', at);
    const before = await readdir(library.charactersDir);
    const result = await packs.importFiles([{ fileName: 'tampered.charx', bytes: exported }]);
    expect(result.failed[0]!.message).toMatch(/tampered\.charx: /);
    expect(await readdir(library.charactersDir)).toEqual(before);
  });
});

describe('imports from strangers', () => {
  it('refuses a card nested a million levels deep with a clear message, not a stack overflow', async () => {
    const { library, packs } = await setup();
    const card = (depth: number) => `{"spec":"chara_card_v2","data":{"name":"Deep","extensions":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}}`;
    const deep = card(1_000_000);
    // Inside a CHARX, a million brackets deflate ~1000× and are refused as a bomb first; 10,000 are not.
    const charx = await zipToBuffer([{ path: 'card.json', data: Buffer.from(card(10_000)) }]);
    const result = await packs.importFiles([{ fileName: 'deep.json', bytes: Buffer.from(deep) }, { fileName: 'deep.charx', bytes: charx }]);
    expect(result.failed).toEqual([
      { fileName: 'deep.json', message: 'deep.json: nested deeper than 64 levels' },
      { fileName: 'deep.charx', message: 'deep.charx: card.json: nested deeper than 64 levels' },
    ]);
    expect(await library.list()).toEqual([]);
  });

  it('refuses a pack whose adapter metadata holds 100,000-deep settings, naming the file and field', async () => {
    const { library, packs } = await setup();
    const settings = `{"rank":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const metadata = JSON.stringify({ formatVersion: 1, settings: 'SETTINGS' }).replace('"SETTINGS"', settings);
    const [seeded] = await library.addImported([{ character: fullCharacter(), files: [
      { path: 'adapters/deep/adapter.gguf', bytes: Buffer.from('GGUF') },
      { path: 'adapters/deep/metadata.json', bytes: Buffer.from(metadata) },
    ] }], 'seed');
    const exported = await packs.export(seeded!.id, 'pack');
    const before = await readdir(library.charactersDir);
    const result = await packs.importFiles([{ fileName: 'deep.pack.charx', bytes: exported.bytes }]);
    expect(result.failed).toEqual([{ fileName: 'deep.pack.charx', message: expect.stringMatching(/^deep\.pack\.charx: character_studio\/files\/adapters\/deep\/metadata\.json: .*settings: nested deeper than 8 levels/) }]);
    expect(await readdir(library.charactersDir)).toEqual(before);
  });

  it('imports a pack from a file on disk, moving its staged adapter into the new folder', async () => {
    const { root, library, packs } = await setup();
    const exported = await packs.export((await seedCharacter(library)).id, 'pack');
    const file = join(root, 'upload.charx');
    await writeFile(file, exported.bytes);
    const result = await packs.importFiles([{ fileName: 'upload.charx', file }]);
    const id = result.imported[0]!.id;
    expect(await readFile(join(library.charactersDir, id, 'adapters/gentle/adapter.gguf'), 'utf8')).toBe('GGUF fake adapter bytes');
    // No scratch folder is left beside the characters.
    expect((await readdir(library.charactersDir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('imports several files at once and reports each failure by name', async () => {
    const { library, packs } = await setup();
    const v2 = Buffer.from(JSON.stringify({ spec: 'chara_card_v2', data: { name: 'Mira', first_mes: 'hi' } }));
    const result = await packs.importFiles([
      { fileName: 'mira.json', bytes: v2 },
      { fileName: 'broken.json', bytes: Buffer.from('{"spec":') },
    ]);
    expect(result.imported.map((i) => i.name)).toEqual(['Mira']);
    expect(result.failed).toEqual([{ fileName: 'broken.json', message: expect.stringMatching(/^broken\.json: not valid JSON/) }]);
    expect((await library.list()).map((c) => c.name)).toEqual(['Mira']);
  });

  it('refuses malicious archives and truncated images with nothing written', async () => {
    const { root, library, packs } = await setup();
    const png = Buffer.from((await packs.export((await seedCharacter(library)).id, 'png')).bytes);
    const before = await readdir(library.charactersDir);
    const result = await packs.importFiles([
      { fileName: 'slip.charx', bytes: await zipSlipArchive() },
      { fileName: 'abs.charx', bytes: await absolutePathArchive() },
      { fileName: 'bomb.charx', bytes: await zipBombArchive() },
      { fileName: 'cut.png', bytes: png.subarray(0, png.length - 100) },
      { fileName: 'b64.png', bytes: pngWithText('chara', 'eyJuYW1lIjoi*&^%') },
    ]);
    expect(result.imported).toEqual([]);
    expect(result.failed.map((f) => f.message)).toEqual([
      expect.stringMatching(/^slip\.charx: refused an entry/),
      expect.stringMatching(/^abs\.charx: refused an entry/),
      expect.stringMatching(/^bomb\.charx: .*zip bomb/),
      expect.stringMatching(/^cut\.png: the PNG is truncated/),
      'b64.png: the "chara" chunk is not valid base64',
    ]);
    expect(await readdir(library.charactersDir)).toEqual(before);
    expect(existsSync(join(root, 'escaped.txt'))).toBe(false);
  });

  it('keeps a CHARX asset it does not use and writes it back on export', async () => {
    const { library, packs } = await setup();
    const card = { spec: 'chara_card_v3', spec_version: '3.0', data: {
      name: 'Risu', first_mes: 'yo',
      assets: [
        { type: 'icon', uri: 'embeded://assets/icon/images/main.png', name: 'main', ext: 'png' },
        { type: 'emotion', uri: 'embedded://assets/emotion/images/happy.png', name: 'happy', ext: 'png' },
      ],
    } };
    const charx = await zipToBuffer([
      { path: 'card.json', data: Buffer.from(JSON.stringify(card)) },
      { path: 'assets/icon/images/main.png', data: placeholderAvatar('icon') },
      { path: 'assets/emotion/images/happy.png', data: Buffer.from('happy-bytes') },
      { path: 'module.risum', data: Buffer.from('risu module') },
    ]);
    const result = await packs.importFiles([{ fileName: 'risu.charx', bytes: charx }]);
    expect(result.failed).toEqual([]);
    const id = result.imported[0]!.id;
    expect((await library.get(id)).avatar).toBe('avatar.png');
    const again = await packs.export(id, 'charx');
    const dir = await tempDir();
    await writeFile(join(dir, 'again.charx'), again.bytes);
    const reimported = await packs.importFiles([{ fileName: 'again.charx', bytes: again.bytes }]);
    const folder = join(library.charactersDir, reimported.imported[0]!.id);
    expect(await readFile(join(folder, 'card-assets/assets/emotion/images/happy.png'), 'utf8')).toBe('happy-bytes');
    expect(await readFile(join(folder, 'card-assets/module.risum'), 'utf8')).toBe('risu module');
  });

  it.runIf(existsSync(SERAPHINA))('imports the SillyTavern fixture with name, description, greeting and example messages', async () => {
    const { library, packs } = await setup();
    const result = await packs.importFiles([{ fileName: 'seraphina-sillytavern.png', bytes: await readFile(SERAPHINA) }]);
    expect(result.failed).toEqual([]);
    const seraphina = await library.get(result.imported[0]!.id);
    expect(seraphina.name).toBe('Seraphina');
    expect(seraphina.language).toBe('en');
    expect(seraphina.freeTextProfile).toMatch(/^\[Seraphina's Personality= "caring"/);
    expect(seraphina.freeTextProfile).toContain('[Genre: fantasy;');
    expect(seraphina.greeting).toMatch(/^\*You wake with a start/);
    expect(seraphina.exampleDialogues[0]?.[0]).toEqual({ speaker: 'user', text: '"Describe your traits?"' });
    expect(seraphina.exampleDialogues[0]).toHaveLength(4);
    expect(seraphina.avatar).toBe('avatar.png');
    // Exported again, the card carries SillyTavern's own texts and lorebook unchanged.
    const card = JSON.parse(Buffer.from((await packs.export(seraphina.id, 'json')).bytes).toString('utf8'));
    expect(card.data.description).toContain('<START>');
    expect(card.data.character_book.entries).toHaveLength(4);
    expect(card.data.extensions.world).toBe('Eldoria');
  });
  if (!existsSync(SERAPHINA)) console.log(`skipped the SillyTavern import test: ${SERAPHINA} is absent`);
});

describe('library backup', () => {
  it('backs up every character folder and restores it beside the existing ones', async () => {
    const { library, packs } = await setup();
    const original = await seedCharacter(library);
    await library.create({ name: 'Second', language: 'en' });
    const backup = await packs.backup();
    expect(backup.characters).toBe(2);
    const other = await setup();
    const restored = await other.packs.restore(backup.fileName, { bytes: backup.bytes });
    expect(restored.map((c) => c.name).sort()).toEqual(['Second', '林黛玉']);
    const back = await other.library.get(restored.find((c) => c.name === '林黛玉')!.id);
    expect(comparable(back)).toEqual(comparable(original));
    expect(await readFile(join(other.library.charactersDir, back.id, 'chats/first.jsonl'), 'utf8')).toContain('private');
  });

  it('refuses a damaged backup and writes nothing', async () => {
    const { library, packs } = await setup();
    await seedCharacter(library);
    const bytes = Buffer.from((await packs.backup()).bytes);
    bytes.write('EVIL', bytes.indexOf('GGUF fake adapter bytes'));
    const other = await setup();
    await mkdir(other.library.charactersDir, { recursive: true });
    await expect(other.packs.restore('b.zip', { bytes })).rejects.toThrow(/^b\.zip: /);
    expect(await readdir(other.library.charactersDir)).toEqual([]);
  });
});
