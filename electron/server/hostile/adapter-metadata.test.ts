import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackImportResult } from '../../../shared/contract/domains/packs';
import type { AdapterSummary } from '../../../shared/training/training-job';
import { MANIFEST_PATH, PACK_FILES_DIR, PACK_VERSION, manifestFiles } from '../../services/packs/pack-manifest';
import { zipToBuffer } from '../../services/packs/zip-write';
import { stillAnswers, useHostileServer } from './hostile-server';

// Issue 12, item 2: a 1.6 KB pack whose adapter metadata.json held 100,000-deep `settings` was
// accepted, and every later training.listAdapters overflowed the stack while its reply was serialised,
// ending the server, again after each restart. Against a real server process: the pack is refused by
// file and field, and such a file planted on disk marks its one adapter broken while the list answers,
// before and after a restart.

const DEPTH = 100_000;
const deepSettings = () => `{"rank":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`;
const metadataText = (settings: string) =>
  JSON.stringify({
    formatVersion: 1, name: 'deep', createdAt: '2026-01-01T00:00:00Z', characterId: 'x', promptFormat: 'characterglm-v1',
    baseModel: { name: 'CharacterGLM-6B', sha256: 'a'.repeat(64), architecture: 'chatglm', quantization: 'Q4_K_M' },
    settings: 'SETTINGS', datasets: [],
    results: { steps: 1, trainTokens: 1, finalTrainLoss: 1, initialHeldOutLoss: null, finalHeldOutLoss: null, elapsedSeconds: 1, tokensPerSecond: 1, peakMemoryBytes: 1, device: 'CPU' },
  }).replace('"SETTINGS"', settings);

/** A studio pack that is valid in every way but its adapter's settings. */
async function deepPack(): Promise<Buffer> {
  const entries = [
    { path: 'card.json', data: Buffer.from(JSON.stringify({ spec: 'chara_card_v3', spec_version: '3.0', data: { name: 'Abyss', first_mes: 'Down here.' } })) },
    { path: `${PACK_FILES_DIR}/adapters/deep/adapter.gguf`, data: Buffer.from('GGUF') },
    { path: `${PACK_FILES_DIR}/adapters/deep/metadata.json`, data: Buffer.from(metadataText(deepSettings())) },
  ];
  const manifest = { format: 'character-studio-pack', version: PACK_VERSION, createdAt: '2026-01-01T00:00:00Z', studioVersion: 'x', character: { id: 'abyss', name: 'Abyss' }, files: manifestFiles(entries), adapters: [] };
  return zipToBuffer([...entries, { path: MANIFEST_PATH, data: Buffer.from(JSON.stringify(manifest)) }]);
}

const hostile = useHostileServer('studio-adapter-metadata-');

describe('adapter metadata from strangers', () => {
  it('refuses the ~2 KB pack with 100,000-deep settings, naming the file and the field', async () => {
    const pack = await deepPack();
    expect(pack.length).toBeLessThan(4 * 1024);
    const reply = await hostile.client.call('packs.import', { files: [{ fileName: 'abyss.pack.charx', dataBase64: pack.toString('base64') }] });
    expect((reply.value as PackImportResult).failed).toEqual([
      { fileName: 'abyss.pack.charx', message: 'abyss.pack.charx: character_studio/files/adapters/deep/metadata.json: settings: nested deeper than 8 levels' },
    ]);
    const viaCharacters = await hostile.client.call('characters.import', { fileName: 'abyss.pack.charx', dataBase64: pack.toString('base64') });
    expect(viaCharacters.error?.message).toMatch(/metadata\.json: settings: nested deeper than 8 levels/);
    expect(((await hostile.client.call('characters.list', {})).value as unknown[]).length).toBe(0);
    expect(await stillAnswers(hostile.server)).toBe(true);
  });

  it('lists an adapter whose metadata.json on disk is 100,000 deep as broken, and keeps answering after a restart', async () => {
    const created = await hostile.client.call('characters.create', { template: 'blank', name: 'Planted', language: 'en' });
    const characterId = (created.value as { id: string }).id;
    const adapterDir = join(hostile.dataDir, 'characters', characterId, 'adapters', 'deep');
    await mkdir(adapterDir, { recursive: true });
    await writeFile(join(adapterDir, 'adapter.gguf'), 'GGUF');
    await writeFile(join(adapterDir, 'metadata.json'), metadataText(deepSettings()));

    const listed = await hostile.client.call('training.listAdapters', { characterId });
    expect(listed.ok).toBe(true);
    expect((listed.value as AdapterSummary[]).map((a) => ({ name: a.name, metadata: a.metadata, problem: a.problem }))).toEqual([
      { name: 'deep', metadata: null, problem: 'adapters/deep/metadata.json: settings: nested deeper than 8 levels' },
    ]);

    await hostile.restart();
    expect((await hostile.client.call('training.listAdapters', { characterId })).ok).toBe(true);
    expect(await stillAnswers(hostile.server)).toBe(true);
  });
});
