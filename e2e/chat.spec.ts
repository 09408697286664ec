import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoStudioWithExample } from './pages/demo-studio';
import { ChatPage } from './pages/chat-page';
import { expect, test, type StudioServer } from './fixtures/studio-server';
import type { Page } from '@playwright/test';

// The live chat preview against the real services and the tiny demo model: replies stream, stop,
// regenerate into swipes, edits become corrections, chats branch, datasets export, and chats survive restarts.

async function characterWithChat(page: Page, studio: StudioServer): Promise<{ chat: ChatPage; characterId: string }> {
  const { characterId } = await demoStudioWithExample(page, studio.url);
  const chat = new ChatPage(page);
  await chat.open(studio.url, characterId);
  await expect(chat.message(0)).toHaveAttribute('data-role', 'character');
  return { chat, characterId };
}

test('send a message and watch the reply stream, stop it with Esc, regenerate with Ctrl+R and swipe between replies', async ({ page, studio }) => {
  const { chat } = await characterWithChat(page, studio);
  const greeting = await chat.text(chat.message(0)).textContent();
  expect(greeting?.length).toBeGreaterThan(0);

  // Long replies (end-of-sequence banned), so there is time to watch them stream and to stop one.
  await chat.settings({ maxTokens: 600, banEos: true });
  await chat.startReply(async () => {
    await chat.input.fill('你好，今天店里忙吗？');
    await chat.input.press('Enter');
  });
  await expect(chat.message(1)).toHaveAttribute('data-role', 'user');
  await expect(chat.text(chat.message(1))).toHaveText('你好，今天店里忙吗？');
  const reply = chat.message(2);
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await expect(chat.text(reply)).not.toHaveText('');
  const early = (await chat.text(reply).textContent())!.length;
  await expect.poll(async () => (await chat.text(reply).textContent())!.length).toBeGreaterThan(early);
  await chat.replyTo(() => page.keyboard.press('Escape'));
  await expect(reply).toHaveAttribute('data-status', 'stopped');
  const stoppedText = (await chat.text(reply).textContent())!;
  expect(stoppedText.length).toBeGreaterThan(0);
  const stats = page.getByTestId('chat-stats');
  await expect(stats).toBeVisible();
  expect(Number(await stats.getAttribute('data-evaluated'))).toBeGreaterThan(0);

  // Regenerate (Ctrl+R) twice with short replies: the alternatives are kept as swipes.
  await chat.settings({ maxTokens: 12, banEos: false });
  await chat.replyTo(() => page.keyboard.press('Control+r'));
  await expect(reply.getByTestId('swipe-count')).toHaveText('2 / 2');
  await chat.replyTo(() => reply.getByTestId('message-regenerate').click());
  await expect(reply.getByTestId('swipe-count')).toHaveText('3 / 3');
  const third = await chat.text(reply).textContent();
  await reply.getByTestId('swipe-prev').click();
  await expect(reply.getByTestId('swipe-count')).toHaveText('2 / 3');
  await reply.getByTestId('swipe-prev').click();
  await expect(reply.getByTestId('swipe-count')).toHaveText('1 / 3');
  await expect(chat.text(reply)).toHaveText(stoppedText);
  await expect(reply).toHaveAttribute('data-status', 'stopped');
  await reply.getByTestId('swipe-next').click();
  await expect(reply.getByTestId('swipe-count')).toHaveText('2 / 3');
  await reply.getByTestId('swipe-next').click();
  await expect(reply.getByTestId('swipe-count')).toHaveText('3 / 3');
  await expect(chat.text(reply)).toHaveText(third ?? '');

  // Shift+Enter is a new line, not a send.
  await chat.input.fill('第一行');
  await chat.input.press('Shift+Enter');
  await chat.input.press('End');
  await chat.input.type('第二行');
  await expect(chat.input).toHaveValue('第一行\n第二行');
  await expect(chat.messages()).toHaveCount(3);
});

test('a restarted studio reloads the chat with every swipe, and an edited reply becomes a correction to export', async ({ page, studio }) => {
  const { chat, characterId } = await characterWithChat(page, studio);
  await chat.settings({ maxTokens: 10 });
  await chat.send('老板，来一壶龙井。');
  const reply = chat.message(2);
  await chat.replyTo(() => reply.getByTestId('message-regenerate').click());
  await expect(reply.getByTestId('swipe-count')).toHaveText('2 / 2');
  const swipes = [];
  await reply.getByTestId('swipe-prev').click();
  await expect(reply.getByTestId('swipe-count')).toHaveText('1 / 2');
  swipes.push(await chat.text(reply).textContent());
  await reply.getByTestId('swipe-next').click();
  await expect(reply.getByTestId('swipe-count')).toHaveText('2 / 2');
  swipes.push(await chat.text(reply).textContent());
  expect(swipes[0]).not.toBe(swipes[1]);

  await studio.restart();
  const chatPage = new ChatPage(page);
  await chatPage.open(studio.url, characterId);
  const reloaded = chatPage.message(2);
  await expect(reloaded.getByTestId('swipe-count')).toHaveText('2 / 2');
  await expect(chatPage.text(reloaded)).toHaveText(swipes[1] ?? '');
  await reloaded.getByTestId('swipe-prev').click();
  await expect(chatPage.text(reloaded)).toHaveText(swipes[0] ?? '');

  // Teach by correcting: rewrite the character's reply.
  await reloaded.getByTestId('message-edit').click();
  await reloaded.getByTestId('message-edit-input').fill('好嘞，明前龙井一壶，您稍坐。');
  await reloaded.getByTestId('message-edit-save').click();
  await expect(chatPage.text(reloaded)).toHaveText('好嘞，明前龙井一壶，您稍坐。');

  await page.getByTestId('chat-tab-corrections').click();
  const corrections = page.getByTestId('corrections-view');
  await expect(corrections.getByTestId('correction-item')).toHaveCount(1);
  await expect(corrections.getByTestId('correction-corrected')).toHaveText('好嘞，明前龙井一壶，您稍坐。');
  await expect(corrections.getByTestId('corrections-ready')).toHaveAttribute('data-ready', '1');
  await corrections.getByTestId('export-name').fill('longjing');
  await corrections.getByTestId('export-chats').check();
  await corrections.getByTestId('export-dataset').click();
  await expect(corrections.getByTestId('export-result')).toHaveAttribute('data-lines', '2');

  const file = join(studio.dataDir, 'characters', characterId, 'datasets', 'longjing.jsonl');
  const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as {
    messages: { role: string; content: string }[]; characterglm: { bot_name: string }; source: { kind: string };
  });
  expect(lines.map((l) => l.source.kind)).toEqual(['chat', 'correction']);
  for (const line of lines) {
    expect(line.messages[0]!.role).toBe('system');
    expect(line.messages.at(-1)).toEqual({ role: 'assistant', content: '好嘞，明前龙井一壶，您稍坐。' });
    expect(line.messages.at(-2)).toEqual({ role: 'user', content: '老板，来一壶龙井。' });
    expect(line.characterglm.bot_name).toBe('林若溪');
  }
  const raw = await readFile(join(studio.dataDir, 'characters', characterId, 'corrections.jsonl'), 'utf8');
  expect(raw.trim().split('\n')).toHaveLength(1);

  // After the restart the chat's KV cache came back from its saved state: the next turn does not re-read the profile.
  await page.getByTestId('chat-tab-chat').click();
  await chatPage.send('再来一壶。');
  await expect(chatPage.pane.getByTestId('chat-restored')).toBeVisible();
  expect(Number(await chatPage.pane.getByTestId('chat-stats').getAttribute('data-reused'))).toBeGreaterThan(100);
});

test('branch a chat from a message, rename, delete with undo, and see the exact prompt', async ({ page, studio }) => {
  const { chat } = await characterWithChat(page, studio);
  await chat.settings({ maxTokens: 8 });
  await chat.send('第一个问题');
  await chat.send('第二个问题');
  await expect(chat.messages()).toHaveCount(5);

  await chat.message(1).getByTestId('message-branch').click();
  await expect(chat.messages()).toHaveCount(2);
  await expect(chat.text(chat.message(1))).toHaveText('第一个问题');
  const titles = await chat.chatTitles();
  expect(titles).toHaveLength(2);
  expect(titles.some((t) => t.startsWith('↳'))).toBe(true);

  await chat.pane.getByTestId('chat-rename').click();
  await chat.pane.getByTestId('chat-title-input').fill('茶馆支线');
  await chat.pane.getByTestId('chat-title-input').press('Enter');
  await expect.poll(() => chat.chatTitles()).toContainEqual(expect.stringContaining('茶馆支线'));

  await chat.pane.getByTestId('show-prompt').click();
  const dialog = page.getByTestId('prompt-dialog');
  await expect(dialog.getByTestId('prompt-text')).toContainText('以下是一段林若溪和');
  await expect(dialog.getByTestId('prompt-text')).toContainText('[林若溪]');
  expect(Number(await dialog.getByTestId('prompt-tokens').getAttribute('data-tokens'))).toBeGreaterThan(20);
  await dialog.getByTestId('prompt-close').click();

  await chat.pane.getByTestId('chat-delete').click();
  await expect.poll(() => chat.chatTitles()).toHaveLength(1);
  await expect(chat.messages()).toHaveCount(5);
  await chat.pane.getByTestId('chat-undo-delete').click();
  await expect.poll(() => chat.chatTitles()).toHaveLength(2);
});
