import { expect, type Page } from '@playwright/test';

/** The Settings section: here, the model hub's mirror and token. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(`${url}#/settings`);
    await this.page.getByTestId('hub-settings').waitFor();
  }

  get hubAccess() {
    return this.page.getByTestId('hub-access');
  }

  /** Opens Settings, saves a mirror of the model hub and waits until the studio says it fetches from it. */
  async setHubMirror(url: string, endpoint: string): Promise<void> {
    await this.open(url);
    await this.page.getByTestId('hub-mirror').fill(endpoint);
    await this.page.getByTestId('hub-mirror-save').click();
    await expect(this.hubAccess).toContainText(`Models come from the mirror ${endpoint}`);
  }
}
