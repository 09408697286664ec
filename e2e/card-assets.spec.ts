import { PNG_FIXTURE_ASSETS, v3PngWithAssetChunks } from '../electron/services/packs/asset-card-fixtures';
import { readCharxLikeRisu } from '../electron/services/packs/risu-rules-reader';
import { AppPage } from './pages/app-page';
import { CharactersPage } from './pages/characters-page';
import { PacksPage } from './pages/packs-page';
import { expect, test } from './fixtures/studio-server';

// A card with assets, in the real UI against the real services: a V3 PNG whose expression and
// background sit in `chara-ext-asset_` chunks is imported, its assets are listed in the editor with
// their names and types, a CHARX export carries them, and each export says by name what it left out.

test('import a card with assets, see them in the editor, export them, and see what a JSON card leaves out', async ({ page, studio }) => {
  const app = new AppPage(page);
  await app.open(studio.url);
  const packs = new PacksPage(page);
  await packs.open();
  await packs.importFiles([{ name: 'aster.png', mimeType: 'image/png', buffer: v3PngWithAssetChunks('Aster') }]);
  await expect(packs.imported.first()).toContainText('Imported Aster from aster.png');
  const id = (await packs.row('Aster').getAttribute('data-character-id'))!;

  const characters = new CharactersPage(page);
  await characters.open(studio.url, id);
  await expect(characters.assets).toHaveCount(PNG_FIXTURE_ASSETS.length);
  for (const asset of PNG_FIXTURE_ASSETS) {
    const item = characters.assets.filter({ hasText: asset.name });
    await expect(item).toContainText(asset.type);
    await expect(item.locator('img')).toBeVisible();
  }

  await packs.open();
  const charx = await packs.export('Aster', 'charx');
  await expect(page.getByTestId('packs-notice')).toContainText('Downloaded aster.charx');
  // Every asset travels; only SillyTavern's top-level fields (in the card's V2 chunk) have no place in V3.
  await expect(packs.omitted).toHaveText(['Character Card V3 allows no app fields at the top level; kept in the studio, not in the CHARX: talkativeness, fav, tags']);
  const read = await readCharxLikeRisu(charx.bytes);
  expect(read.assets.map((a) => a.name).sort()).toEqual(['forest', 'happy', 'main']);

  await packs.export('Aster', 'json');
  await expect(page.getByTestId('packs-notice')).toContainText('Downloaded aster.json');
  await expect(packs.omitted.first()).toContainText('The JSON cannot carry these assets; they are not in the file:');
  for (const asset of PNG_FIXTURE_ASSETS) await expect(packs.omitted.first()).toContainText(`${asset.name} (${asset.type})`);
});
