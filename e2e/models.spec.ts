import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeTinyModel } from '../electron/services/models/demo-model';
import { writeTinyCheckpoint } from '../models/tiny-checkpoint/tiny-checkpoint';
import { AppPage } from './pages/app-page';
import { ModelsPage } from './pages/models-page';
import { expect, test } from './fixtures/studio-server';

test('import a GGUF by server path, see it listed, load it as the active model; remove an in-place import, then the loaded model', async ({ page, studio }) => {
  const gguf = join(studio.dataDir, 'outside', 'my-character-model.gguf');
  await writeTinyModel(gguf);
  const app = new AppPage(page);
  const models = new ModelsPage(page);
  await models.open(studio.url);

  await models.importPath(join(studio.dataDir, 'outside', 'missing.gguf'));
  await expect(models.error).toContainText('missing.gguf: no such file on the machine running the studio');

  await models.importPath(gguf);
  await expect(models.finished).toContainText('Installed');
  const row = models.row('tiny-chatglm-demo');
  await expect(row).toContainText('chatglm');
  await expect(row).toContainText('F32');

  await row.getByTestId('model-load').click();
  await expect(app.statusModel).toHaveAttribute('data-state', 'ready');
  await expect(app.statusModel).toContainText('tiny-chatglm-demo');

  // A second copy of the same file is refused by name, and nothing is added.
  await models.importPath(gguf);
  await expect(models.error).toContainText('my-character-model.gguf already exists in the models folder');
  await expect(page.getByTestId('models-table').locator('tbody tr')).toHaveCount(1);

  // Used in place: listed separately; removing it unregisters it but never deletes the user's file.
  await models.importPath(gguf, true);
  const inPlace = models.row('used in place');
  await expect(inPlace).toContainText('chatglm');
  await inPlace.getByTestId('model-remove').click();
  await expect(page.getByTestId('remove-confirm')).toContainText('the file itself stays where it is');
  await page.getByTestId('remove-confirm-button').click();
  await expect(page.getByTestId('models-table').locator('tbody tr')).toHaveCount(1);
  expect(existsSync(gguf)).toBe(true);

  // The loaded model can go too: it is unloaded first, and its copy leaves the models folder.
  await row.getByTestId('model-remove').click();
  await expect(page.getByTestId('remove-confirm')).toContainText('It is loaded now');
  await page.getByTestId('remove-confirm-button').click();
  await expect(page.getByTestId('models-table')).toHaveCount(0);
  await expect(app.statusModel).toHaveText('No model loaded');
  expect(existsSync(join(studio.dataDir, 'models', 'my-character-model.gguf'))).toBe(false);
});

test('download a GGUF from a URL with progress and a checked sha256', async ({ page, studio }) => {
  const source = join(studio.dataDir, 'outside', 'served.gguf');
  await writeTinyModel(source);
  const body = await readFile(source);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-length': String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/served.gguf`;
  try {
    const models = new ModelsPage(page);
    await models.open(studio.url);
    await models.download(url, 'b'.repeat(64));
    await expect(models.error).toContainText('sha256 mismatch');
    await models.download(url, createHash('sha256').update(body).digest('hex'));
    await expect(models.finished).toContainText('Installed served');
    await expect(models.row('served')).toContainText('chatglm');
  } finally {
    server.close();
  }
});

test('convert a hub checkpoint after accepting its licence', async ({ page, studio }) => {
  const ckpt = await writeTinyCheckpoint(join(studio.dataDir, 'outside', 'tiny-CharacterGLM'), 'pytorch');
  const models = new ModelsPage(page);
  await models.open(studio.url);
  await models.checkFolder(ckpt.dir);
  await expect(page.getByTestId('convert-summary')).toContainText('pytorch, 2 layers');
  const licence = models.addPanel.getByTestId('licence-notice');
  await expect(licence).toContainText('Non-commercial research use only');
  await expect(page.getByTestId('convert-submit')).toBeDisabled();
  await licence.getByTestId('licence-accept').check();
  await expect(licence.getByTestId('licence-accepted')).toBeVisible();
  await expect(licence.getByTestId('licence-accept')).toBeChecked();
  await expect(licence.getByTestId('licence-accept')).toBeDisabled();
  await page.getByTestId('convert-quant').selectOption('F16');
  await page.getByTestId('convert-submit').click();
  await expect(models.finished).toContainText('Installed tiny-CharacterGLM F16');
  const row = models.row('tiny-CharacterGLM F16');
  await expect(row).toContainText('F16');
  await expect(row).toContainText('non-commercial research only');
});
