import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_PATH, PACK_FILES_DIR, PACK_VERSION, manifestFiles, type PackManifest } from '../electron/services/packs/pack-manifest';
import { zipToBuffer } from '../electron/services/packs/zip-write';
import { CharactersPage } from './pages/characters-page';
import { expect, test } from './fixtures/studio-server';

// A studio pack with a 6B adapter is tens of MB, past one WebSocket message: Characters → Import…
// must send it in pieces with a progress bar, and the character must come in with its adapter whole.

const ADAPTER_BYTES = 60 * 1024 * 1024;

/** A real studio pack (card, adapter, manifest with sha256 of each file); random bytes do not compress. */
async function largePack(adapter: Buffer): Promise<Buffer> {
  const card = { spec: 'chara_card_v3', spec_version: '3.0', data: { name: 'Atlas', description: 'Atlas carries large files.', first_mes: 'Heavy, but here.' } };
  const entries = [
    { path: 'card.json', data: Buffer.from(JSON.stringify(card)) },
    { path: `${PACK_FILES_DIR}/adapters/atlas/adapter.gguf`, data: adapter },
  ];
  const manifest: PackManifest = {
    format: 'character-studio-pack', version: PACK_VERSION, createdAt: new Date().toISOString(), studioVersion: 'e2e',
    character: { id: 'atlas', name: 'Atlas' }, files: manifestFiles(entries), adapters: [{ name: 'atlas', baseModel: { name: 'CharacterGLM-6B', sha256: '' } }],
  };
  return zipToBuffer([...entries, { path: MANIFEST_PATH, data: Buffer.from(JSON.stringify(manifest)) }]);
}

test('a 60 MB pack imported from Characters goes up in pieces with a progress bar and comes in whole', async ({ page, studio }) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(join(tmpdir(), 'studio-e2e-pack-'));
  try {
    const file = join(dir, 'atlas.pack.charx');
    await writeFile(file, await largePack(randomBytes(ADAPTER_BYTES)));
    expect(statSync(file).size).toBeGreaterThan(ADAPTER_BYTES);

    const characters = new CharactersPage(page);
    await characters.open(studio.url);
    // By path: Playwright caps in-memory file buffers below this size.
    await page.getByTestId('import-file').setInputFiles(file);
    const progress = page.getByTestId('import-progress');
    await expect(progress).toBeVisible();
    await expect(progress).toContainText(/Uploading atlas\.pack\.charx: \d+%|Reading atlas\.pack\.charx/);
    await expect(page.getByTestId('library-notice')).toHaveText(/Imported: Atlas/, { timeout: 120_000 });
    await expect(progress).toBeHidden();
    await expect(characters.title).toHaveText('Atlas');

    // The adapter arrived whole in the character's folder, and no upload or staging file is left over.
    const id = new URL(page.url()).hash.split('/').pop()!;
    expect(statSync(join(studio.dataDir, 'characters', decodeURIComponent(id), 'adapters', 'atlas', 'adapter.gguf')).size).toBe(ADAPTER_BYTES);
    await expect.poll(() => readdirSafe(join(studio.dataDir, '.uploads'))).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
