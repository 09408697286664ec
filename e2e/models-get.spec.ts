import { join } from 'node:path';
import { startTestHub, tinyHubFiles } from '../electron/test-support/test-hub';
import { AppPage } from './pages/app-page';
import { ChatPage } from './pages/chat-page';
import { newExampleCharacter } from './pages/demo-studio';
import { ModelsPage } from './pages/models-page';
import { SettingsPage } from './pages/settings-page';
import { expect, test } from './fixtures/studio-server';

// Getting CharacterGLM-6B in one step, as a new user would: the studio's mirror setting points at a
// loopback hub of the test's own (electron/test-support/test-hub.ts) serving the tiny checkpoint under
// the real repository's name; the download is held half-way so its progress can be seen.

test('Models → Get CharacterGLM-6B: licence, progress through download, conversion and quantisation, the model loaded, a reply', async ({ page, studio }) => {
  const hub = await startTestHub();
  try {
    const files = await tinyHubFiles(join(studio.dataDir, 'outside', 'hub'), 'safetensors');
    hub.addRepo('thu-coai/CharacterGLM-6B', files);
    const shard = 'model-00002-of-00002.safetensors';
    const held = hub.hold(shard, Math.floor(files.find((f) => f.name === shard)!.bytes.length / 2));

    await new SettingsPage(page).open(studio.url);
    await new SettingsPage(page).setHubMirror(hub.endpoint);

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
  } finally {
    await hub.close();
  }
});
