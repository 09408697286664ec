import { expect, type Locator, type Page } from '@playwright/test';
import { demoStudioWithExample } from './demo-studio';

/** The Training section: datasets, import preview, the run form, the live job, stopped runs and adapters. */
export class TrainingPage {
  constructor(readonly page: Page) {}

  async open(url: string, characterId: string): Promise<void> {
    await this.page.goto(`${url}#/training/${encodeURIComponent(characterId)}`);
    await this.page.getByTestId('training-section').waitFor();
  }

  /** Picks a file for import (as the file chooser would) and waits for its preview. */
  async chooseFile(name: string, content: string): Promise<void> {
    await this.page.getByTestId('dataset-file-input').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(content, 'utf8') });
    await this.preview.waitFor();
  }

  get preview(): Locator {
    return this.page.getByTestId('dataset-preview');
  }

  async saveDataset(name: string): Promise<void> {
    await this.page.getByTestId('dataset-name').fill(name);
    await this.page.getByTestId('dataset-save').click();
    await expect(this.page.getByTestId('dataset-saved')).toBeVisible();
  }

  /** Fills the custom settings and the adapter name. */
  async fill(adapterName: string, values: { epochs: number; learningRate: number; windowTokens: number }): Promise<void> {
    await this.page.getByTestId('run-preset-custom').check();
    await this.page.getByTestId('run-epochs').fill(String(values.epochs));
    await this.page.getByTestId('run-learningRate').fill(String(values.learningRate));
    await this.page.getByTestId('run-windowTokens').fill(String(values.windowTokens));
    await this.page.getByTestId('run-adapter-name').fill(adapterName);
  }

  /** Measures the filled run (two warm-up steps) and returns the estimate's box. */
  async estimate(): Promise<Locator> {
    await this.page.getByTestId('run-estimate-button').click();
    const box = this.page.getByTestId('run-estimate');
    await box.getByTestId('run-estimate-time').or(box.getByRole('alert')).first().waitFor({ timeout: 10 * 60_000 });
    return box;
  }

  /** Fills the custom settings and the adapter name, then starts with Ctrl+Enter. */
  async start(adapterName: string, values: { epochs: number; learningRate: number; windowTokens: number }): Promise<void> {
    await this.fill(adapterName, values);
    await this.page.getByTestId('run-adapter-name').press('Control+Enter');
    // A refused start shows its reason instead of a job: fail with that reason rather than wait.
    const refused = this.page.getByTestId('training-error');
    await this.job.or(refused).first().waitFor();
    if (await refused.isVisible()) throw new Error(`training did not start: ${await refused.textContent()}`);
  }

  /** Datasets → Export for a GPU cluster: the ticked datasets for `format`, into `dir`; returns the result line. */
  async exportForCluster(format: 'trl' | 'llama-factory', dir: string): Promise<Locator> {
    await this.page.getByTestId('cluster-export-open').click();
    const form = this.page.getByTestId('cluster-export');
    await form.getByTestId('cluster-export-format').selectOption(format);
    await form.getByTestId('cluster-export-dir').fill(dir);
    await form.getByTestId('cluster-export-submit').click();
    const done = form.getByTestId('cluster-export-done');
    await done.or(form.getByTestId('cluster-export-error')).first().waitFor();
    return done;
  }

  /** Adapters → Import a PEFT adapter: the folder `dir` under `name`; waits for the adapter to be listed. */
  async importPeft(dir: string, name: string): Promise<Locator> {
    await this.page.getByTestId('peft-import-open').click();
    const form = this.page.getByTestId('peft-import');
    await form.getByTestId('peft-import-dir').fill(dir);
    await form.getByTestId('peft-import-name').fill(name);
    await form.getByTestId('peft-import-submit').click();
    const refused = form.getByTestId('peft-import-error');
    await this.adapter(name).or(refused).first().waitFor();
    if (await refused.isVisible()) throw new Error(`the import was refused: ${await refused.textContent()}`);
    return this.adapter(name);
  }

  /** The adapter's Export as PEFT button, into `dir`; returns the result line. */
  async exportAdapterAsPeft(name: string, dir: string): Promise<Locator> {
    const item = this.adapter(name);
    await item.getByTestId('adapter-export-peft').click();
    await item.getByTestId('adapter-export-dir').fill(dir);
    await item.getByTestId('adapter-export-submit').click();
    return item.getByTestId('adapter-export-done');
  }

  get job(): Locator {
    return this.page.getByTestId('training-job');
  }

  adapter(name: string): Locator {
    return this.page.locator(`[data-testid="adapter-item"][data-name="${name}"]`);
  }
}

/** A fresh studio with the demo model and a blank character, open in Training. */
export async function blankCharacterInTraining(page: Page, url: string): Promise<{ training: TrainingPage; characterId: string }> {
  const { characterId } = await demoStudioWithExample(page, url, 'blank');
  const training = new TrainingPage(page);
  await training.open(url, characterId);
  return { training, characterId };
}
