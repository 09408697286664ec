import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyModel } from '../electron/services/models/demo-model';
import { startLlamaServer, type TestLlamaServer } from '../electron/test-support/llama-server';
import { AppPage } from './pages/app-page';
import { ChatPage } from './pages/chat-page';
import { newExampleCharacter } from './pages/demo-studio';
import { expect, test } from './fixtures/studio-server';

// Chat through a remote engine: llama.cpp's own llama-server on loopback (built from the bundled source)
// with the tiny model, and no model installed in the studio at all. Settings → Runtime points the studio
// at it; the chat streams from it; when it dies mid-reply the chat names the failure and keeps the message.

const KEY = 'e2e-remote-key-0123456789';
let server: TestLlamaServer;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000);
  dir = await mkdtemp(join(tmpdir(), 'studio-e2e-remote-'));
  const model = join(dir, 'tiny.gguf');
  await writeTinyModel(model);
  server = await startLlamaServer({ model, contextSize: 2048, apiKey: KEY });
});

test.afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('Settings → Runtime points chat at a llama-server; replies stream from it, and its crash is named with the message kept', async ({ page, studio }) => {
  const app = new AppPage(page);
  await app.open(studio.url);
  await app.nav('settings').click();
  await page.getByTestId('engine-mode').selectOption('remote');
  await page.getByTestId('remote-url').fill(server.url);
  await page.getByTestId('remote-save').click();
  await expect(page.getByTestId('remote-save')).toBeDisabled();
  // the server asks for a key: refused, named, and then the key typed in (write-only)
  await page.getByTestId('remote-check').click();
  await expect(page.getByTestId('engine-problem')).toContainText('refused the request (401)');
  await expect(page.getByTestId('engine-problem')).toContainText('it needs an API key in Settings → Runtime');
  await page.getByTestId('remote-key').fill(KEY);
  await page.getByTestId('remote-key-save').click();
  await expect(page.getByTestId('remote-key-state')).toHaveText('An API key is set; it is sent only to this server.');
  await expect(page.getByTestId('remote-key')).toHaveValue('');
  await page.getByTestId('remote-check').click();
  await expect(page.getByTestId('remote-check-result')).toContainText(`${server.url} serves ${join(dir, 'tiny.gguf')}, 2048 tokens per request`);
  await expect(page.getByTestId('status-remote')).toHaveText(`Remote: ${server.url}`);

  const characterId = await newExampleCharacter(page, studio.url);
  const chat = new ChatPage(page);
  await chat.open(studio.url, characterId);
  await chat.settings({ maxTokens: 8, banEos: true });
  await chat.send('你好');
  await expect(chat.messages()).toHaveCount(3);
  await expect(chat.message(2)).toHaveAttribute('data-status', 'done');
  await expect(chat.text(chat.message(2))).not.toHaveText('');

  // a long reply, and the server killed once it is streaming
  await chat.settings({ maxTokens: 3000 });
  await chat.startReply(async () => {
    await chat.input.fill('再说说吧');
    await chat.input.press('Enter');
  });
  // the reply itself streaming (message 4), not the user's line before it: killed earlier, the request
  // would never connect and the error would be "cannot reach", not a dropped reply
  await expect(chat.messages()).toHaveCount(5);
  await expect(chat.text(chat.message(4))).not.toHaveText('');
  server.kill();
  await expect(page.getByTestId('chat-error')).toContainText(/the remote server at http:\/\/127\.0\.0\.1:\d+\/v1 (dropped the reply|closed the reply before it ended)/);
  await expect(chat.text(chat.message(3))).toHaveText('再说说吧');
});
