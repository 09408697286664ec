import { catDialoguesJsonl } from '../electron/services/training/test-support/cat-dialogues';
import { demoStudioWithExample } from './pages/demo-studio';
import { TrainingPage } from './pages/training-page';
import { expect, test } from './fixtures/studio-server';

// The paper's prompt augmentation in the studio: the loaded model writes variants of the profile while
// the writer watches, the writer edits and accepts one, and the adapter trained next records that it
// learnt from the profile and that variant.

test.setTimeout(15 * 60_000);

test('write profile variants with the model, edit and accept one, and train with it', async ({ page, studio }) => {
  const { characterId } = await demoStudioWithExample(page, studio.url);
  const training = new TrainingPage(page);
  await training.open(studio.url, characterId);

  const panel = page.getByTestId('variants-panel');
  await expect(panel.getByTestId('variants-empty')).toBeVisible();
  await panel.getByTestId('variant-kind-summary').uncheck();
  await panel.getByTestId('variant-kind-restyle').check();
  await panel.getByTestId('variants-generate').click();
  await expect(panel.getByTestId('variants-generate')).toBeVisible({ timeout: 120_000 });
  await expect(panel.getByTestId('variants-error')).toHaveCount(0);
  const items = panel.getByTestId('variant-item');
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeGreaterThanOrEqual(1);
  await expect(items.first()).toHaveAttribute('data-accepted', 'false');

  // The writer rewrites the model's attempt and accepts it; a second attempt is thrown away.
  const first = items.first();
  await first.getByTestId('variant-text').fill('林若溪经营一家老茶馆，懂茶，说话温和。');
  await first.getByTestId('variant-accept').check();
  await expect(first).toHaveAttribute('data-accepted', 'true');
  for (let left = await items.count(); left > 1; left--) {
    await items.nth(left - 1).getByTestId('variant-delete').click();
    await expect(items).toHaveCount(left - 1);
  }
  await expect(panel.getByTestId('variants-summary')).toContainText('1 accepted');

  await page.reload();
  await expect(items).toHaveCount(1);
  await expect(items.first().getByTestId('variant-text')).toHaveValue('林若溪经营一家老茶馆，懂茶，说话温和。');
  await expect(items.first()).toHaveAttribute('data-accepted', 'true');

  await training.chooseFile('cat.jsonl', catDialoguesJsonl(8));
  await training.saveDataset('cat');
  await training.start('with-variants', { epochs: 1, learningRate: 0.001, windowTokens: 1024 });
  await expect(training.job).toHaveAttribute('data-state', 'done', { timeout: 10 * 60_000 });
  await expect(training.adapter('with-variants').getByTestId('adapter-variants')).toHaveText('Trained with the profile and 1 profile variants');
});
