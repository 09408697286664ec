import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { startTestHub, tinyHubFiles, type HubFileSpec, type TestHub } from '../electron/test-support/test-hub';
import { AppPage } from './pages/app-page';
import { ChatPage } from './pages/chat-page';
import { newExampleCharacter } from './pages/demo-studio';
import { ModelsPage } from './pages/models-page';
import { SettingsPage } from './pages/settings-page';
import { expect, test } from './fixtures/studio-server';

// Getting CharacterGLM-6B in one step, as a new user would: the studio's mirror setting points at a
// loopback hub of the test's own (electron/test-support/test-hub.ts) serving the tiny checkpoint under
// the real repository's name; the download is held half-way so its progress can be seen.

/** The test hub with the tiny checkpoint as thu-coai/CharacterGLM-6B, set as the studio's mirror in Settings. */
const withHub = test.extend<{ hub: TestHub; files: HubFileSpec[] }>({
  files: async ({ studio }, use) => use(await tinyHubFiles(join(studio.dataDir, 'outside', 'hub'), 'safetensors')),
  hub: async ({ page, studio, files }, use) => {
    const hub = await startTestHub();
    hub.addRepo('thu-coai/CharacterGLM-6B', files);
    await new SettingsPage(page).setHubMirror(studio.url, hub.endpoint);
    await use(hub);
    await hub.close();
  },
});

const halfOf = (files: HubFileSpec[], name: string): number => Math.floor(files.find((f) => f.name === name)!.bytes.length / 2);

withHub('Models → Get CharacterGLM-6B: licence, progress through download, conversion and quantisation, the model loaded, a reply', async ({ page, studio, hub, files }) => {
  const held = hub.hold('model-00002-of-00002.safetensors', halfOf(files, 'model-00002-of-00002.safetensors'));
  const app = new AppPage(page);
  const models = new ModelsPage(page);
  await models.open(studio.url);
  // While no real model is installed, the card comes first, before anything else to add.
  const card = models.getCard('characterglm-6b-hub');
  await expect(card.getByRole('heading').first()).toHaveText('Get CharacterGLM-6B');
  await expect(page.getByTestId('hub-get').locator('xpath=following::*[@data-testid="add-model"]')).toHaveCount(1);
  await expect(page.getByTestId('hub-endpoint')).toContainText(`From the mirror ${hub.endpoint}`);
  await expect(card.getByTestId('licence-notice')).toContainText('Non-commercial research use only');
  await expect(card.getByTestId('get-card-start')).toBeDisabled();
  expect(hub.requests).toEqual([]);

  await models.getFromCard('characterglm-6b-hub');
  await held.reached;
  await expect(models.job).toHaveAttribute('data-phase', 'download');
  await expect(models.step('list')).toHaveAttribute('data-state', 'done');
  await expect(models.step('download')).toHaveAttribute('data-state', 'current');
  await expect(models.step('quantize')).toHaveAttribute('data-state', 'pending');
  await expect(models.job.getByTestId('model-job-amount')).toHaveText(/^[\d.]+ (KB|MB) \/ [\d.]+ MB$/);
  held.release();

  await expect(models.finished).toHaveText('Installed CharacterGLM-6B Q4_K_M. (downloaded, converted, quantised, loaded)');
  await expect(app.statusModel).toHaveAttribute('data-state', 'ready');
  await expect(app.statusModel).toContainText('CharacterGLM-6B Q4_K_M');
  await expect(models.row('CharacterGLM-6B Q4_K_M')).toContainText('Q4_K_M');
  await expect(page.getByTestId('leftovers')).toHaveCount(0);

  const characterId = await newExampleCharacter(page, studio.url);
  const chat = new ChatPage(page);
  await chat.open(studio.url, characterId);
  await chat.settings({ maxTokens: 12 });
  await chat.send('你好');
  await expect(chat.last()).toHaveAttribute('data-role', 'character');
  await expect(chat.last()).toHaveAttribute('data-status', 'done');
  await expect(app.statusModel).toContainText('CharacterGLM-6B Q4_K_M');
});

withHub('a get cancelled mid-download is listed as unfinished: Clean up removes it; after a restart, Resume continues where it stopped', async ({ page, studio, hub, files }) => {
  const shard = 'model-00001-of-00002.safetensors';
  const half = halfOf(files, shard);
  const models = new ModelsPage(page);
  await models.open(studio.url);
  const leftovers = page.getByTestId('leftovers');

  let held = hub.hold(shard, half);
  await models.getFromCard('characterglm-6b-hub');
  await held.reached;
  await page.getByTestId('model-job-cancel').click();
  await expect(models.error).toContainText(`download of ${shard} cancelled`);
  await expect(leftovers).toContainText('thu-coai/CharacterGLM-6B at main (Q4_K_M)');
  held.release();
  await page.getByTestId('models-clean-up').click();
  await expect(leftovers).toHaveCount(0);

  held = hub.hold(shard, half);
  await page.getByTestId('get-card').getByTestId('get-card-start').click();
  await held.reached;
  await page.getByTestId('model-job-cancel').click();
  await expect(leftovers).toBeVisible();
  held.release();
  await studio.restart();
  await models.open(studio.url);
  await leftovers.getByTestId('leftover-resume').click();
  await expect(models.finished).toContainText('Installed CharacterGLM-6B Q4_K_M.');
  await expect(leftovers).toHaveCount(0);
  // From the start twice (Clean up deleted what the first get left), then resumed after the restart.
  const shardPath = `/lfs/${createHash('sha256').update(files.find((f) => f.name === shard)!.bytes).digest('hex')}`;
  const ranges = hub.requests.filter((r) => r.server === 'storage' && r.path === shardPath).map((r) => r.range);
  expect(ranges).toEqual([undefined, undefined, expect.stringMatching(/^bytes=[1-9]\d*-$/)]);
});
