import type { Page } from '@playwright/test';

/** The Models section: installed models table, the hub get panel, add-model panel, job progress, leftovers. */
export class ModelsPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(`${url}#/models`);
    await this.page.getByTestId('add-model').waitFor();
  }

  /** The Add a model panel (import, download, convert). */
  get addPanel() {
    return this.page.getByTestId('add-model');
  }

  row(name: string) {
    return this.page.getByTestId('models-table').locator('tr', { hasText: name });
  }

  async importPath(path: string, inPlace = false): Promise<void> {
    await this.page.getByTestId('add-tab-import').click();
    await this.page.getByTestId('import-path').fill(path);
    if (inPlace) await this.page.getByTestId('import-in-place').check();
    await this.page.getByTestId('import-submit').click();
  }

  async download(source: string, sha256?: string): Promise<void> {
    await this.page.getByTestId('add-tab-download').click();
    await this.page.getByTestId('download-source').fill(source);
    if (sha256) await this.page.getByTestId('download-sha256').fill(sha256);
    await this.page.getByTestId('download-submit').click();
  }

  async checkFolder(dir: string): Promise<void> {
    await this.page.getByTestId('add-tab-convert').click();
    await this.page.getByTestId('convert-dir').fill(dir);
    await this.page.getByTestId('convert-inspect').click();
    await this.page.getByTestId('convert-summary').waitFor();
  }

  /** The catalog's card for a hub checkpoint (CharacterGLM-6B: `characterglm-6b-hub`). */
  getCard(catalogId: string) {
    return this.page.getByTestId('get-card').and(this.page.locator(`[data-catalog-id="${catalogId}"]`));
  }

  /** Accepts the card's licence, then starts the get. */
  async getFromCard(catalogId: string): Promise<void> {
    const card = this.getCard(catalogId);
    await card.getByTestId('licence-accept').check();
    await card.getByTestId('get-card-start').click();
  }

  get job() {
    return this.page.getByTestId('model-job');
  }

  /** One step of a running get (`list`, `download`, `convert`, `quantize`, `load`). */
  step(step: string) {
    return this.job.getByTestId('model-job-steps').locator(`[data-step="${step}"]`);
  }

  get finished() {
    return this.page.getByTestId('model-job-finished');
  }

  get error() {
    return this.page.getByTestId('models-error');
  }
}
