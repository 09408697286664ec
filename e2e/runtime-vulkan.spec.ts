import { softwareVulkanMissing } from '../electron/test-support/software-vulkan';
import { AppPage } from './pages/app-page';
import { ChatPage } from './pages/chat-page';
import { newExampleCharacter } from './pages/demo-studio';
import { expect, test } from './fixtures/studio-server';

// The status bar on a GPU runtime: Mesa's software Vulkan device (llvmpipe), which llama.cpp accepts when
// GGML_VK_VISIBLE_DEVICES names it, takes every layer of the demo model. Without that variable the same
// machine has a Vulkan loader and no device it offloads to, and the bar says CPU and why.

const missing = softwareVulkanMissing();

test.describe('on the software Vulkan device', () => {
  test.skip(missing !== null, missing ?? '');
  test.use({ serveEnv: { GGML_VK_VISIBLE_DEVICES: '0' } });

  test('the status bar names the device and shows every layer of the demo model on it', async ({ page, studio }) => {
    const app = new AppPage(page);
    await app.open(studio.url);
    await app.installDemoModel();
    await expect(app.statusModel).toHaveText('Tiny CharacterGLM demo');
    await expect(app.statusBackend).toContainText('VULKAN');
    await expect(app.statusOffload).toContainText('llvmpipe');
    await expect(app.statusOffload).toContainText(/\b(\d+)\/\1 layers\b/);
    await expect(app.statusOffload).toContainText(/VRAM .+ of .+/);
  });

  test('GPU layers set to a number in Settings put that many layers on the device at the next load', async ({ page, studio }) => {
    const app = new AppPage(page);
    await app.open(studio.url);
    await app.nav('settings').click();
    await page.getByTestId('gpu-layers-mode').selectOption('count');
    await page.getByTestId('gpu-layers-count').fill('1');
    await expect(page.getByTestId('gpu-layers-count')).toHaveValue('1');
    await app.nav('characters').click();
    await app.installDemoModel();
    await expect(app.statusBackend).toContainText('VULKAN');
    await expect(app.statusOffload).toContainText(/\b1\/\d+ layers\b/);
  });

  test('a context size the GPU memory limit cannot hold: the reply says what to change, the message stays, and Auto fits a smaller window', async ({ page, studio }) => {
    const app = new AppPage(page);
    await app.open(studio.url);
    // By node-llama-cpp's estimate, four chats of the demo model need about 9 MB at 1,024 tokens and 25 MB
    // at 4,096: a limit of 20 MiB holds the first and not the second. All layers on the device, so the
    // limit is not spent by moving layers to the CPU instead.
    await app.nav('settings').click();
    await page.getByTestId('gpu-layers-mode').selectOption('max');
    await page.getByTestId('gpu-memory-limit-mode').selectOption('count');
    await page.getByTestId('gpu-memory-limit-count').fill('20');
    await page.getByTestId('context-size-mode').selectOption('count');
    await expect(page.getByTestId('context-size-count')).toHaveValue('4096');
    await expect(page.getByTestId('gpu-memory-limit-count')).toHaveValue('20');
    // the limit applies from the next start of llama.cpp
    await studio.restart();
    await app.open(studio.url);
    await app.nav('characters').click();
    await app.installDemoModel();
    const characterId = await newExampleCharacter(page, studio.url);
    const chat = new ChatPage(page);
    await chat.open(studio.url, characterId);
    await chat.settings({ maxTokens: 6 });
    await chat.input.fill('你好');
    await chat.input.press('Enter');
    const error = page.getByTestId('chat-error');
    await expect(error).toContainText('a chat context of 4096 tokens (4 chats at once) does not fit in free memory');
    await expect(error).toContainText('choose Auto or a smaller context size, or fewer GPU layers, in Settings');
    await expect(chat.messages()).toHaveCount(2);
    await expect(chat.text(chat.message(1))).toHaveText('你好');
    await expect(app.statusModel).toHaveAttribute('data-state', 'ready');
    await expect(app.statusContext).toHaveCount(0);

    await app.nav('settings').click();
    await page.getByTestId('context-size-mode').selectOption('auto');
    await chat.open(studio.url, characterId);
    await chat.replyTo(() => chat.last().getByTestId('message-regenerate').click());
    await expect(chat.messages()).toHaveCount(3);
    await expect(chat.message(2)).toHaveAttribute('data-status', 'done');
    await expect(app.statusContext).toHaveText(/^\d+ tokens per chat$/);
    const tokens = Number((await app.statusContext.textContent())!.split(' ')[0]);
    expect(tokens).toBeGreaterThanOrEqual(1024);
    expect(tokens).toBeLessThan(4096);
    await expect(app.statusContext).toHaveAttribute('title', `Free memory fitted ${tokens} of the 4096 tokens asked for: fewer GPU layers, or a higher GPU memory limit in Settings, leave more room for the context`);
  });
});

test('with a Vulkan loader and no device it offloads to, the status bar says CPU and why', async ({ page, studio }) => {
  test.skip(missing !== null, missing ?? '');
  const app = new AppPage(page);
  await app.open(studio.url);
  await app.installDemoModel();
  await expect(app.statusBackend).toContainText('CPU');
  await expect(app.statusBackend).toHaveAttribute('title', 'The VULKAN runtime found no device it can offload to');
  await expect(app.statusOffload).toHaveCount(0);
  await app.setLanguage('zh-CN');
  await expect(app.statusBackend).toHaveAttribute('title', 'VULKAN 运行时没有找到可以卸载到的设备');
});
