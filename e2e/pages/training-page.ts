import { expect, type Locator, type Page } from '@playwright/test';

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

  get job(): Locator {
    return this.page.getByTestId('training-job');
  }

  adapter(name: string): Locator {
    return this.page.locator(`[data-testid="adapter-item"][data-name="${name}"]`);
  }
}
