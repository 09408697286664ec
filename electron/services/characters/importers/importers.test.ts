import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBotInfo, sessionMetaFor } from '../../../../shared/character/render-profile';
import type { CharacterImporter, ImportSource } from './character-importer';
import { characterglmOfficialImporter } from './characterglm-official-importer';
import { createImporterRegistry } from './default-importers';

const REAL_FIXTURE = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'fixtures', 'characterglm', 'character.json');
const encode = (value: unknown): Uint8Array => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const NOW = { now: '2024-01-01T00:00:00.000Z', scratch: '/nonexistent-scratch' };
const src = (fileName: string, bytes: Uint8Array): ImportSource => ({ fileName, input: { bytes }, size: bytes.length, head: bytes });

describe('importer registry', () => {
  it('picks the official importer for an official character.json', () => {
    const source = src('character.json', encode({ A: { bot_info: 'x', bot_name: 'A' } }));
    expect(createImporterRegistry().importerFor(source).id).toBe('characterglm-official');
  });

  it('names the file and lists the supported formats for anything else', () => {
    expect(() => createImporterRegistry().importerFor(src('notes.txt', encode('hi')))).toThrow(
      'notes.txt: unsupported file type; supported: CharacterGLM character.json (.json)',
    );
  });

  it('lets the only importer of an ending explain a broken file', async () => {
    const source = src('broken.json', encode('{"A": {"bot_info": '));
    const importer = createImporterRegistry().importerFor(source);
    await expect(importer.read(source, NOW)).rejects.toThrow(/^broken\.json: not valid JSON/);
  });

  it('asks each importer of a shared ending, so other formats can register beside it', () => {
    const registry = createImporterRegistry();
    const cards: CharacterImporter = { id: 'card-json', label: 'Card', extensions: ['.json'], accepts: (s) => new TextDecoder().decode(s.head).includes('"spec"'), read: async () => [] };
    registry.register(cards);
    expect(registry.importerFor(src('x.JSON', encode({ spec: 'chara_card_v2' }))).id).toBe('card-json');
    expect(registry.importerFor(src('x.json', encode({ A: { bot_name: 'A' } }))).id).toBe('characterglm-official');
    expect(() => registry.importerFor(src('x.json', encode([1])))).toThrow('x.json: the content is not in a format the studio can import');
    expect(() => registry.register(cards)).toThrow('registered twice');
  });
});

describe('official CharacterGLM character.json (the real file from thu-coai/CharacterGLM-6B)', () => {
  const present = existsSync(REAL_FIXTURE);
  if (!present) console.log(`skipping the real-file import test: ${REAL_FIXTURE} is absent (it lives beside the checkout, not in it)`);

  it.skipIf(!present)('imports every entry with its greeting, profile and user persona', async () => {
    const bytes = new Uint8Array(await readFile(REAL_FIXTURE));
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, { bot_info: string; user_info: string | null; user_name: string; greeting: string }>;
    const source = src('character.json', bytes);
    expect(characterglmOfficialImporter.accepts(source)).toBe(true);
    const imported = await characterglmOfficialImporter.read(source, NOW);
    expect(imported.map((i) => i.character.name)).toEqual(Object.keys(raw));
    for (const { character } of imported) {
      const entry = raw[character.name]!;
      expect(character.greeting).toBe(entry.greeting);
      expect(renderBotInfo(character)).toBe(entry.bot_info.trim());
      expect(sessionMetaFor(character).userName).toBe(entry.user_name);
      expect(sessionMetaFor(character).userInfo).toBe((entry.user_info ?? '').trim());
    }
    // The file has entries whose user_info is null.
    expect(Object.values(raw).some((e) => e.user_info === null)).toBe(true);
  });
});
