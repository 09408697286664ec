import { CharactersPage } from './pages/characters-page';
import { expect, test } from './fixtures/studio-server';

test('create a character, fill attributes and behaviours, watch the preview, undo, reload, delete and restore', async ({ page, studio }) => {
  const characters = new CharactersPage(page);
  await characters.open(studio.url);
  await expect(page.getByTestId('empty-library')).toBeVisible();

  await characters.newBlank();
  await expect(characters.title).toHaveText('New character');
  await characters.field('name').fill('林若溪');
  await expect(characters.title).toHaveText('林若溪');
  await characters.field('attributes.identity').fill('江南小镇上一家茶馆的老板');
  await characters.addListItem('attributes.interests', '听评弹');
  await characters.addListItem('attributes.interests', '收集老茶饼');
  // Reorder: move the second interest up.
  await page.getByRole('button', { name: 'Move up 2' }).click();
  expect(await characters.listValues('attributes.interests')).toEqual(['收集老茶饼', '听评弹']);
  await page.getByTestId('add-attributes.relationships').click();
  await characters.field('attributes.relationships.0.name').fill('林奶奶');
  await characters.field('attributes.relationships.0.relation').fill('祖母');
  await characters.field('behaviours.linguisticStyle').fill('说话不紧不慢');
  await characters.field('greeting').fill('外头雨大，先进来坐吧。');

  // The rendered profile and the exact next-turn prompt follow the fields.
  await expect(characters.botInfo).toHaveText(
    ['身份：江南小镇上一家茶馆的老板', '兴趣：收集老茶饼；听评弹', '社交关系：林奶奶（祖母）', '语言特征：说话不紧不慢'].join('\n'),
  );
  await expect(page.getByTestId('prefix-token')).toHaveText(['[gMASK]', 'sop']);
  await expect(characters.prompt).toHaveText(
    [
      '以下是一段林若溪和用户之间的对话。',
      '关于林若溪的信息：身份：江南小镇上一家茶馆的老板 兴趣：收集老茶饼；听评弹 社交关系：林奶奶（祖母） 语言特征：说话不紧不慢',
      '[林若溪]外头雨大，先进来坐吧。',
      '[用户]你好',
      '[林若溪]',
    ].join('\n'),
  );
  await expect(characters.tokenCount).toHaveAttribute('data-counter', 'estimate');
  await expect(characters.tokenCount).toContainText('estimate');

  // Undo across fields: a personality edit, then Ctrl+Z takes it back (and Ctrl+Shift+Z redoes it).
  await characters.waitSaved();
  await characters.field('behaviours.personality').fill('温和耐心');
  await expect(characters.botInfo).toContainText('性格：温和耐心');
  await characters.undoShortcut();
  await expect(characters.field('behaviours.personality')).toHaveValue('');
  await expect(characters.botInfo).not.toContainText('性格');
  await characters.redoShortcut();
  await expect(characters.field('behaviours.personality')).toHaveValue('温和耐心');
  await characters.undoShortcut();
  await expect(characters.field('behaviours.personality')).toHaveValue('');
  await expect(characters.field('behaviours.linguisticStyle')).toHaveValue('说话不紧不慢');

  // Autosave shows its state; after a reload everything is intact.
  await characters.waitSaved();
  await page.reload();
  await expect(characters.title).toHaveText('林若溪');
  await expect(characters.field('attributes.identity')).toHaveValue('江南小镇上一家茶馆的老板');
  expect(await characters.listValues('attributes.interests')).toEqual(['收集老茶饼', '听评弹']);
  await expect(characters.field('attributes.relationships.0.relation')).toHaveValue('祖母');
  await expect(characters.field('behaviours.personality')).toHaveValue('');
  await expect(characters.field('greeting')).toHaveValue('外头雨大，先进来坐吧。');

  // A restarted studio reads the same folder.
  await studio.restart();
  await characters.open(studio.url);
  await characters.row('林若溪').click();
  await expect(characters.field('behaviours.linguisticStyle')).toHaveValue('说话不紧不慢');

  // Delete to the trash, then restore from it: everything comes back.
  await characters.deleteOpen();
  await expect(page.getByTestId('library-notice')).toContainText('“林若溪” moved to the trash.');
  await expect(characters.rows()).toHaveCount(0);
  await characters.openTrash();
  await expect(characters.trashRow('林若溪')).toBeVisible();
  await characters.trashRow('林若溪').getByTestId('restore').click();
  await expect(characters.title).toHaveText('林若溪');
  await expect(characters.field('attributes.identity')).toHaveValue('江南小镇上一家茶馆的老板');
  await expect(characters.row('林若溪')).toHaveCount(1);
});

test('validation messages sit next to the field and hold the save until fixed', async ({ page, studio }) => {
  const characters = new CharactersPage(page);
  await characters.open(studio.url);
  await characters.newFromExample('starship-captain');
  await expect(characters.title).toHaveText('Mira Voss');
  await expect(characters.botInfo).toContainText('Identity: Captain of the survey ship Halcyon');
  await characters.field('name').fill('');
  await expect(characters.problem('name')).toHaveText('Required');
  await expect(characters.field('name')).toHaveAttribute('aria-invalid', 'true');
  await expect(characters.saveState).toHaveAttribute('data-state', 'invalid');
  await characters.field('name').fill('Mira');
  await expect(characters.problem('name')).toHaveCount(0);
  await characters.waitSaved();
  await page.reload();
  await expect(characters.field('name')).toHaveValue('Mira');
});

test('free-text profile mode keeps both texts when switching', async ({ page, studio }) => {
  const characters = new CharactersPage(page);
  await characters.open(studio.url);
  await characters.newFromExample('tea-house-owner');
  await page.getByTestId('mode-freeText').check();
  await characters.field('freeTextProfile').fill('林若溪，茶馆老板，说话慢。');
  await expect(characters.botInfo).toHaveText('林若溪，茶馆老板，说话慢。\n场景：一个下雨的午后，茶馆里只有几位老熟客');
  await page.getByTestId('mode-structured').check();
  await expect(characters.field('attributes.identity')).toHaveValue(/听雨轩/);
  await expect(characters.botInfo).toContainText('身份：');
  await page.getByTestId('mode-freeText').check();
  await expect(characters.field('freeTextProfile')).toHaveValue('林若溪，茶馆老板，说话慢。');
  await characters.waitSaved();
});
