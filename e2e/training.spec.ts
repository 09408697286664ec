import { catDialoguesJsonl } from '../electron/services/training/test-support/cat-dialogues';
import { ChatPage } from './pages/chat-page';
import { blankCharacterInTraining } from './pages/training-page';
import { expect, test } from './fixtures/studio-server';

// Teaching a character with LoRA in the real studio: import dialogues, see what will be learnt, train the
// tiny model with the native trainer while the progress bar and loss curve move, then chat with the adapter.
// The first run builds the trainer if the unit tests have not (minutes), hence the long time limits.

test.setTimeout(15 * 60_000);

test('import dialogues, train an adapter while the progress and curve update, then chat with it', async ({ page, studio }) => {
  const { training, characterId } = await blankCharacterInTraining(page, studio.url);
  await expect(page.getByTestId('datasets-empty')).toBeVisible();

  // a file with problems: every one named by its line, nothing can be saved
  await training.chooseFile('broken.jsonl', `${catDialoguesJsonl(1)}{"messages": [{"role": "user", "content": "只有提问"}]}\nnot json\n`);
  const issues = page.getByTestId('dataset-issues');
  await expect(issues).toContainText('line 2');
  await expect(issues).toContainText('line 3');
  await expect(page.getByTestId('dataset-save')).toBeDisabled();

  // a good file: the preview shows token counts and the replies that will be learnt
  await training.chooseFile('cat.jsonl', catDialoguesJsonl(16));
  await expect(page.getByTestId('dataset-token-stats')).toContainText('tokens');
  await expect(page.getByTestId('dataset-sample').first().locator('.trained')).toHaveText('我是小花，我是你的朋友。');
  await training.saveDataset('cat');
  await expect(page.getByTestId('dataset-item')).toContainText('16 dialogues');
  await expect(page.getByTestId('dataset-use-cat')).toBeChecked();

  // before Start: the device (and why not a GPU), the memory and the time, from two measured warm-up steps
  const run = { epochs: 5, learningRate: 0.003, windowTokens: 256 };
  await training.fill('cat-adapter', run);
  const estimate = await training.estimate();
  await expect(estimate.getByTestId('run-estimate-device')).toContainText(/Device: CPU — the runtime found no CUDA, Vulkan or Metal device/);
  await expect(estimate.getByTestId('run-estimate-memory')).toContainText(/Memory: [\d.]+ (MB|GB) at peak/);
  await expect(estimate.getByTestId('run-estimate-time')).toContainText(/Time: about .+ for \d+ steps/);

  await training.start('cat-adapter', run);
  await expect(training.job.getByTestId('training-step')).toBeVisible({ timeout: 10 * 60_000 });
  await expect(training.job.getByTestId('training-device')).toContainText('on CPU');
  await expect.poll(async () => Number(await training.job.getByTestId('loss-chart').getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(2);
  await expect(training.job.getByTestId('training-progress')).toHaveAttribute('value', /0\.\d+|1/);
  await expect(training.job).toHaveAttribute('data-state', 'done', { timeout: 5 * 60_000 });
  await expect(training.job.getByTestId('loss-held-out')).toBeVisible();

  const adapter = training.adapter('cat-adapter');
  await expect(adapter.getByTestId('adapter-base')).toContainText(/sha256 [0-9a-f]{12}/);
  await expect(adapter.getByTestId('adapter-losses')).toContainText('→');
  await expect(adapter.getByTestId('loss-chart')).toBeVisible();

  // "Use in chat" opens a chat with the adapter applied; the character replies through it
  await adapter.getByTestId('adapter-use').click();
  const chat = new ChatPage(page);
  await chat.pane.waitFor();
  await chat.pane.getByTestId('chat-settings-toggle').click();
  await expect(chat.pane.getByTestId('adapter-select')).toHaveValue('cat-adapter');
  await expect(chat.pane.getByTestId('adapter-scale')).toHaveValue('1');
  // a short reply: a lightly trained tiny model may not stop on its own before the default length
  await chat.settings({ maxTokens: 24 });
  await chat.send('你是谁');
  await expect(chat.text(chat.last())).not.toHaveText('');
  expect(characterId).not.toBe('');
});

test('cancel a run, find it under stopped runs after a restart, and resume it to the end', async ({ page, studio }) => {
  const { training, characterId } = await blankCharacterInTraining(page, studio.url);
  await training.chooseFile('cat.jsonl', catDialoguesJsonl(8));
  await training.saveDataset('cat');
  await training.start('long-run', { epochs: 25, learningRate: 0.001, windowTokens: 128 });
  await expect(training.job.getByTestId('training-step')).toBeVisible({ timeout: 10 * 60_000 });
  await training.job.getByTestId('training-cancel').click();
  await expect(training.job).toHaveAttribute('data-state', 'cancelled', { timeout: 2 * 60_000 });

  await studio.restart();
  await training.open(studio.url, characterId);
  const stopped = page.getByTestId('stopped-run');
  await expect(stopped).toContainText('long-run');
  await expect(stopped).toContainText('cancelled');
  await stopped.getByTestId('run-resume').click();
  await expect(training.job).toHaveAttribute('data-state', 'done', { timeout: 5 * 60_000 });
  await expect(training.adapter('long-run')).toBeVisible();
  await expect(page.getByTestId('stopped-run')).toHaveCount(0);
});
