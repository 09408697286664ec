import { CharactersPage } from './pages/characters-page';
import { demoStudioWithExample } from './pages/demo-studio';
import { ChatPage } from './pages/chat-page';
import { expect, test } from './fixtures/studio-server';

// The preview beside the editor: change a trait and the very next reply is asked with the new profile,
// without restarting the chat.

test('chat beside the editor uses the profile as just written', async ({ page, studio }) => {
  await demoStudioWithExample(page, studio.url);
  const characters = new CharactersPage(page);
  const chat = new ChatPage(page);
  await expect(chat.message(0)).toHaveAttribute('data-role', 'character');
  await chat.settings({ maxTokens: 6 });
  await chat.send('你好');
  await expect(chat.messages()).toHaveCount(3);

  // Edit a trait and, without waiting for autosave, ask for the next reply: the pane saves first.
  await characters.field('behaviours.personality').fill('脾气火爆，说话很冲');
  await chat.send('再说一遍？');
  await expect(chat.messages()).toHaveCount(5);
  await chat.pane.getByTestId('show-prompt').click();
  await expect(page.getByTestId('prompt-text')).toContainText('脾气火爆，说话很冲');
  await expect(page.getByTestId('prompt-text')).toContainText('[客人]再说一遍？');
  // Only the changed part of the prompt was read again; the rest came from the KV cache.
  const stats = chat.pane.getByTestId('chat-stats');
  expect(Number(await stats.getAttribute('data-reused'))).toBeGreaterThan(0);
});
