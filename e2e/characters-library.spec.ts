import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppPage } from './pages/app-page';
import { CharactersPage } from './pages/characters-page';
import { expect, test } from './fixtures/studio-server';

// A 1×1 PNG, made here so the test needs no fixture file.
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
  'base64',
);

const OFFICIAL = {
  小白: { user_info: '', bot_info: '小白，17岁，平溪孤儿院的孩子。', user_name: '用户', bot_name: '小白', greeting: '哥哥，我会死吗？' },
  唐湛: { user_info: '逍遥派的首席弟子。', bot_info: '唐湛，逍遥派的弟子。', user_name: '李婧', bot_name: '唐湛', greeting: '谢谢师姐为我解围~' },
  倪妮: { user_info: null, bot_info: '演员', user_name: '用户', bot_name: '倪妮', greeting: '宝宝' },
};

test('import the official CharacterGLM file, search by name and tag, duplicate', async ({ page, studio }) => {
  const characters = new CharactersPage(page);
  await characters.open(studio.url);
  await page.getByTestId('import-file').setInputFiles({ name: 'character.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(OFFICIAL)) });
  await expect(page.getByTestId('library-notice')).toHaveText(/Imported: 小白, 唐湛, 倪妮/);
  await expect(characters.rows()).toHaveCount(3);
  // The first imported character opens, in free-text mode with the official profile as written.
  await expect(characters.title).toHaveText('小白');
  await expect(page.getByTestId('mode-freeText')).toBeChecked();
  await expect(characters.botInfo).toHaveText('小白，17岁，平溪孤儿院的孩子。');
  await characters.row('唐湛').click();
  await expect(characters.prompt).toHaveText(
    ['以下是一段唐湛和李婧之间的对话。', '关于唐湛的信息：唐湛，逍遥派的弟子。', '关于李婧的信息：逍遥派的首席弟子。', '[唐湛]谢谢师姐为我解围~', '[李婧]你好', '[唐湛]'].join('\n'),
  );

  // Tag one, then find it by search and by the tag filter.
  await characters.field('tags').fill('武侠');
  await characters.field('tags').press('Enter');
  await characters.waitSaved();
  await page.getByTestId('character-search').fill('武');
  await expect(characters.rows()).toHaveText([/唐湛/]);
  await page.getByTestId('character-search').fill('倪');
  await expect(characters.rows()).toHaveText([/倪妮/]);
  await page.getByTestId('character-search').fill('');
  await page.getByTestId('tag-filter').selectOption('武侠');
  await expect(characters.rows()).toHaveText([/唐湛/]);
  await page.getByTestId('tag-filter').selectOption('');

  await page.getByTestId('duplicate').click();
  await expect(characters.title).toHaveText('唐湛（副本）');
  await expect(characters.rows()).toHaveCount(4);
  // Newest first: the copy heads the list.
  await expect(characters.rows().first()).toContainText('唐湛（副本）');
});

test('a broken or newer character.json is reported by name and left alone (in Chinese too); a bad import says what is wrong', async ({ page, studio }) => {
  const broken = join(studio.dataDir, 'characters', 'broken');
  await mkdir(broken, { recursive: true });
  await writeFile(join(broken, 'character.json'), '{"schemaVersion": 1, "name": "Bro');
  const future = join(studio.dataDir, 'characters', 'future');
  await mkdir(future, { recursive: true });
  await writeFile(join(future, 'character.json'), JSON.stringify({ schemaVersion: 5, name: 'F' }));

  const characters = new CharactersPage(page);
  await characters.open(studio.url);
  await characters.newFromExample('old-detective');
  await expect(characters.rows()).toHaveCount(3);
  await characters.row('broken').click();
  await expect(page.getByTestId('editor-load-error')).toContainText('characters/broken/character.json: not valid JSON');
  await characters.row('future').click();
  await expect(page.getByTestId('editor-load-error')).toHaveText(
    'characters/future/character.json: schemaVersion 5 is newer than this studio understands (1); update the studio to open it (left untouched)',
  );
  await characters.row('陆沉').click();
  await expect(characters.title).toHaveText('陆沉');

  await page.getByTestId('import-file').setInputFiles({ name: 'character.json', mimeType: 'application/json', buffer: Buffer.from('{"小白": {"bot_name": "小白", "bot_info": 3}}') });
  await expect(page.getByTestId('library-notice')).toContainText('character.json: 小白.bot_info:');
  await expect(characters.rows()).toHaveCount(3);
  // Nothing was written over the files the studio could not understand.
  expect(await readFile(join(broken, 'character.json'), 'utf8')).toBe('{"schemaVersion": 1, "name": "Bro');
  expect(JSON.parse(await readFile(join(future, 'character.json'), 'utf8'))).toEqual({ schemaVersion: 5, name: 'F' });

  // A card read leniently comes in, and the notice says what was assumed.
  const odd = { spec: 'chara_card_v9', data: { name: 'Odd', description: 'Reads maps.', first_mes: 'Hello.' } };
  await page.getByTestId('import-file').setInputFiles({ name: 'odd.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(odd)) });
  await expect(page.getByTestId('library-notice')).toContainText('Imported: Odd');
  await expect(page.getByTestId('import-warnings')).toHaveText('odd.json: Odd: unknown spec "chara_card_v9"; read as Character Card V2');
  await expect(characters.rows()).toHaveCount(4);

  // In Chinese the error is worded by its code and names the file; the service's English stays as the detail.
  const app = new AppPage(page);
  await app.setLanguage('zh-CN');
  await app.nav('characters').click();
  await characters.row('broken').click();
  await expect(page.getByTestId('editor-load-error')).toContainText('这个文件无法使用（文件 characters/broken/character.json）。详情（英文）：');
});

test('avatar from a file and from the clipboard; a non-image is refused by name', async ({ page, studio }) => {
  const characters = new CharactersPage(page);
  await characters.open(studio.url);
  await characters.newBlank();
  await page.getByTestId('avatar-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByTestId('avatar-error')).toHaveText('notes.txt: not a PNG, JPEG, GIF or WebP image');
  await page.getByTestId('avatar-file').setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: PNG_1X1 });
  await expect(page.getByTestId('avatar-image')).toBeVisible();
  await expect(page.getByTestId('avatar-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('avatar-image')).toHaveCount(0);

  // Paste: a clipboard event carrying an image file.
  await characters.pasteAvatar(PNG_1X1, 'pasted.png');
  await expect(page.getByTestId('avatar-image')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('avatar-image')).toBeVisible();
});

test("token counts come from the loaded model's tokenizer, and the editor speaks Chinese", async ({ page, studio }) => {
  const app = new AppPage(page);
  const characters = new CharactersPage(page);
  await characters.open(studio.url);
  await characters.newFromExample('tea-house-owner');
  await expect(characters.tokenCount).toHaveAttribute('data-counter', 'estimate');
  await app.installDemoModel();
  await expect(characters.tokenCount).toHaveAttribute('data-counter', 'model');
  await expect(characters.tokenCount).toContainText('Tiny CharacterGLM demo tokenizer');
  await expect(characters.tokenCount).toContainText('of 4096');

  await app.setLanguage('zh-CN');
  await app.nav('characters').click();
  await characters.row('林若溪').click();
  await expect(page.getByTestId('section-attributes')).toContainText('属性——角色是什么样的人');
  await expect(characters.saveState).toHaveText('已保存');
  await expect(characters.tokenCount).toContainText('的分词器');
});
