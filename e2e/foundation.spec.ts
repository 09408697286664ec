import { AppPage } from './pages/app-page';
import { expect, test } from './fixtures/studio-server';

test('a fresh studio offers the demo model, loads it, and switches language', async ({ page, studio }) => {
  const app = new AppPage(page);
  await app.open(studio.url);

  await expect(app.statusModel).toHaveText('No model loaded');
  await expect(app.demoOffer).toBeVisible();
  await app.installDemoModel();
  await expect(app.statusModel).toHaveText('Tiny CharacterGLM demo');
  await expect(app.statusBackend).toContainText('CPU');
  await expect(app.demoOffer).toBeHidden();

  await app.nav('models').click();
  await expect(page.getByTestId('models-table')).toContainText('chatglm');

  await app.setLanguage('zh-CN');
  await expect(app.nav('characters')).toHaveText('角色');
  await expect(app.nav('models')).toHaveText('模型');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // The choice is stored with the studio, so a reload keeps it.
  await page.reload();
  await expect(app.nav('settings')).toHaveText('设置');
  await app.setLanguage('en');
  await expect(app.nav('settings')).toHaveText('Settings');
});

test('a restarted studio loads the default model by itself', async ({ page, studio }) => {
  const app = new AppPage(page);
  await app.open(studio.url);
  await app.installDemoModel();
  await studio.restart();
  await app.open(studio.url);
  await expect(app.statusModel).toHaveText('Tiny CharacterGLM demo');
  await expect(app.demoOffer).toBeHidden();
});
