import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppPage } from './pages/app-page';
import { ChatPage } from './pages/chat-page';
import { PacksPage } from './pages/packs-page';
import { expect, test } from './fixtures/studio-server';

// A card's lorebook in chat: the entry whose key the user mentions joins the character's profile in the
// prompt the model reads, and an entry nobody mentioned stays out.

const card = {
  spec: 'chara_card_v2',
  spec_version: '2.0',
  data: {
    name: '灯塔看守', description: '一位守了四十年灯塔的老人。', first_mes: '风大，进来坐吧。',
    character_book: {
      entries: [
        { keys: ['灯塔'], content: '这座灯塔建于1890年，灯是煤油灯。', enabled: true, insertion_order: 1 },
        { keys: ['沉船'], content: '1921年港外沉过一艘货船。', enabled: true, insertion_order: 2 },
      ],
    },
  },
};

test('lore the conversation triggers joins the profile in the prompt the model reads', async ({ page, studio }) => {
  const app = new AppPage(page);
  await app.open(studio.url);
  await app.installDemoModel();
  const packs = new PacksPage(page);
  await packs.open();
  await packs.importFiles([{ name: 'keeper.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(card)) }]);
  await expect(packs.imported.first()).toContainText('灯塔看守');
  const [characterId] = await readdir(join(studio.dataDir, 'characters'));

  const chat = new ChatPage(page);
  await chat.open(studio.url, characterId!);
  await chat.settings({ maxTokens: 8 });
  await chat.send('这座灯塔有多老了？');
  await chat.pane.getByTestId('show-prompt').click();
  const prompt = page.getByTestId('prompt-dialog').getByTestId('prompt-text');
  await expect(prompt).toContainText('关于灯塔看守的信息：一位守了四十年灯塔的老人。 这座灯塔建于1890年，灯是煤油灯。');
  await expect(prompt).not.toContainText('沉船');
});
