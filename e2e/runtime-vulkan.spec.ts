import { softwareVulkanMissing } from '../electron/test-support/software-vulkan';
import { AppPage } from './pages/app-page';
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
});

test('with a Vulkan loader and no device it offloads to, the status bar says CPU and why', async ({ page, studio }) => {
  test.skip(missing !== null, missing ?? '');
  const app = new AppPage(page);
  await app.open(studio.url);
  await app.installDemoModel();
  await expect(app.statusBackend).toContainText('CPU');
  await expect(app.statusBackend).toHaveAttribute('title', 'the VULKAN runtime found no device it can offload to');
  await expect(app.statusOffload).toHaveCount(0);
});
