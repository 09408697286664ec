import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTinyLora } from '../electron/services/runtime/tiny-lora';
import { demoStudioWithExample } from './pages/demo-studio';
import { ChatPage } from './pages/chat-page';
import { expect, test } from './fixtures/studio-server';

// Compare: the base model and a LoRA adapter answer the same turn side by side; the writer judges them on
// the paper's three dimensions, keeps one, and the evaluation log's tally counts the verdict.

test('compare base vs adapter for one turn, judge it, keep the better reply and see the tally', async ({ page, studio }) => {
  const { characterId } = await demoStudioWithExample(page, studio.url);
  // An adapter stored with the character, where the trainer puts them.
  const adapterDir = join(studio.dataDir, 'characters', characterId, 'adapters', 'style-v1');
  await mkdir(adapterDir, { recursive: true });
  await writeTinyLora(join(adapterDir, 'adapter.gguf'), 7, 4, 2);

  const chat = new ChatPage(page);
  await chat.open(studio.url, characterId);
  await chat.settings({ maxTokens: 10 });
  await chat.send('有什么推荐的茶吗？');
  await expect(chat.messages()).toHaveCount(3);

  await chat.pane.getByTestId('compare-open').click();
  const panel = chat.pane.getByTestId('compare-panel');
  await expect(panel.getByTestId('lane-b-adapter')).toHaveValue('style-v1');
  await expect(panel.getByTestId('lane-a-adapter')).toHaveValue('');
  await panel.getByTestId('compare-run').click();
  await expect(panel.getByTestId('compare-save')).toBeVisible();
  await expect(panel.getByTestId('compare-reply-a')).toContainText('base');
  await expect(panel.getByTestId('compare-reply-b')).toContainText('style-v1 ×1');
  const replyB = (await panel.getByTestId('compare-reply-b').locator('p').textContent()) ?? '';

  await expect(panel.getByTestId('compare-save')).toBeDisabled();
  await panel.getByTestId('verdict-consistency-b').check();
  await panel.getByTestId('verdict-humanLikeness-tie').check();
  await panel.getByTestId('verdict-engagement-b').check();
  await panel.getByTestId('compare-keep-b').check();
  await panel.getByTestId('compare-save').click();

  const table = panel.getByTestId('eval-table');
  await expect(table.getByTestId('eval-count')).toHaveText('1 judged');
  await expect(table.getByTestId('eval-row-consistency').locator('td')).toHaveText(['1', '0', '0']);
  await expect(table.getByTestId('eval-row-humanLikeness').locator('td')).toHaveText(['0', '1', '0']);
  // The kept reply joined the chat as a new swipe of the last reply.
  const last = chat.message(2);
  await expect(last.getByTestId('swipe-count')).toHaveText('2 / 2');
  await expect(chat.text(last)).toHaveText(replyB);

  // A second comparison adds to the running tally, also shown in the Evaluations tab.
  await panel.getByTestId('compare-run').click();
  await panel.getByTestId('verdict-consistency-a').check();
  await panel.getByTestId('verdict-humanLikeness-a').check();
  await panel.getByTestId('verdict-engagement-tie').check();
  await panel.getByTestId('compare-save').click();
  await expect(table.getByTestId('eval-count')).toHaveText('2 judged');
  await page.getByTestId('chat-tab-evaluations').click();
  await expect(page.getByTestId('eval-row-consistency').locator('td')).toHaveText(['1', '0', '1']);
  await expect(page.getByTestId('eval-row-engagement').locator('td')).toHaveText(['1', '1', '0']);
});
