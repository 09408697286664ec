import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoStudioWithExample } from './pages/demo-studio';
import { ChatPage } from './pages/chat-page';
import { expect, test } from './fixtures/studio-server';

// Chat memory against the real services and the tiny demo model on a 1,024-token window: a pinned message
// and the rolling summary the model writes once the chat outgrows the window stay in the prompt, the writer
// edits the summary, and both are still there after the studio restarts.

test('pin a message, chat past the context, see the summary appear, edit it, find both in Show prompt and after a restart', async ({ page, studio }) => {
  test.setTimeout(300_000);
  // A small window, so a few turns fill it (the example profile alone is about half of it).
  await writeFile(join(studio.dataDir, 'settings.json'), `${JSON.stringify({ contextSize: 1024 })}\n`);
  await studio.restart();
  const { characterId } = await demoStudioWithExample(page, studio.url);
  const chat = new ChatPage(page);
  await chat.open(studio.url, characterId);
  await chat.settings({ maxTokens: 8, seed: 3 });
  await chat.pane.getByTestId('memory-open').click();
  const panel = chat.pane.getByTestId('memory-panel');
  const tokens = panel.getByTestId('summary-tokens');
  await tokens.fill('64');
  await tokens.blur();
  await expect(panel.getByTestId('summary-empty')).toBeVisible();

  await chat.send('我叫小林，下周三要去杭州。');
  await chat.message(1).hover();
  await chat.message(1).getByTestId('message-pin').click();
  await expect(panel.getByTestId('chat-facts').getByTestId('fact-text')).toHaveValue('我叫小林，下周三要去杭州。');
  await expect(chat.message(1).getByTestId('message-pin')).toBeDisabled();
  await panel.getByTestId('character-facts-new').fill('小林是茶馆的常客');
  await panel.getByTestId('character-facts-add').click();
  await expect(panel.getByTestId('character-facts').getByTestId('fact-text')).toHaveValue('小林是茶馆的常客');
  // The panel's token meter: memory's share of the next prompt.
  await expect.poll(async () => Number(await panel.getByTestId('memory-meter').getAttribute('data-tokens'))).toBeGreaterThan(0);

  const summaryBy = panel.getByTestId('summary-by');
  for (let turn = 0; turn < 16 && !(await summaryBy.isVisible()); turn++) {
    await chat.send(`第${turn}个问题：茶馆今天来了哪些客人？他们都点了什么茶？`);
    // The summary is written after the reply, in the background: give it a moment before the next turn.
    await expect.poll(async () => (await panel.getByTestId('summary-writing').isVisible()) === false, { timeout: 30_000 }).toBe(true);
  }
  await expect(summaryBy).toHaveAttribute('data-by', 'model');
  await expect(panel.getByTestId('summary-text')).not.toHaveValue('');

  const edited = '小林下周三要去杭州，林若溪答应给他带一饼老茶。';
  await panel.getByTestId('summary-text').fill(edited);
  await panel.getByTestId('summary-save').click();
  await expect(summaryBy).toHaveAttribute('data-by', 'writer');
  await expect(panel.getByTestId('summary-history')).toBeVisible();

  await chat.pane.getByTestId('show-prompt').click();
  const dialog = page.getByTestId('prompt-dialog');
  await expect(dialog.getByTestId('prompt-text')).toContainText(`记住：小林是茶馆的常客；我叫小林，下周三要去杭州。 此前的对话：${edited}`);
  await expect(dialog.getByTestId('prompt-text')).not.toContainText('第0个问题');
  expect(Number(await dialog.getByTestId('prompt-memory').getAttribute('data-tokens'))).toBeGreaterThan(0);
  await dialog.getByTestId('prompt-close').click();

  await studio.restart();
  await chat.open(studio.url, characterId);
  await chat.pane.getByTestId('memory-open').click();
  await expect(panel.getByTestId('chat-facts').getByTestId('fact-text')).toHaveValue('我叫小林，下周三要去杭州。');
  await expect(panel.getByTestId('summary-text')).toHaveValue(edited);
  await expect(panel.getByTestId('summary-by')).toHaveAttribute('data-by', 'writer');
  await chat.pane.getByTestId('show-prompt').click();
  await expect(page.getByTestId('prompt-dialog').getByTestId('prompt-text')).toContainText(`此前的对话：${edited}`);
  await page.getByTestId('prompt-dialog').getByTestId('prompt-close').click();

  // A new chat that starts from this one's memory: only the greeting, the same facts and summary.
  await panel.getByTestId('memory-carry').click();
  await expect(chat.messages()).toHaveCount(1);
  await expect(panel.getByTestId('chat-facts').getByTestId('fact-text')).toHaveValue('我叫小林，下周三要去杭州。');
  await expect(panel.getByTestId('summary-text')).toHaveValue(edited);
  await chat.pane.getByTestId('show-prompt').click();
  await expect(page.getByTestId('prompt-dialog').getByTestId('prompt-text')).toContainText(`记住：小林是茶馆的常客；我叫小林，下周三要去杭州。 此前的对话：${edited}`);
});
