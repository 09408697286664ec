import type { Page } from '@playwright/test';

/** The studio frame: navigation, status bar and the first-run demo offer. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByTestId('nav-characters').waitFor();
  }

  nav(section: 'characters' | 'chat' | 'training' | 'models' | 'packs' | 'settings') {
    return this.page.getByTestId(`nav-${section}`);
  }

  get statusModel() {
    return this.page.getByTestId('status-model');
  }

  get statusOffload() {
    return this.page.getByTestId('status-offload');
  }

  get statusContext() {
    return this.page.getByTestId('status-context');
  }

  get statusBackend() {
    return this.page.getByTestId('status-backend');
  }

  get demoOffer() {
    return this.page.getByTestId('demo-offer');
  }

  /** Accepts the first-run offer and waits until the demo model is loaded. */
  async installDemoModel(): Promise<void> {
    await this.demoOffer.getByRole('button').first().click();
    await this.page.getByTestId('status-model').and(this.page.locator('[data-state="ready"]')).waitFor();
  }

  async setLanguage(language: 'system' | 'zh-CN' | 'en'): Promise<void> {
    await this.nav('settings').click();
    await this.page.getByTestId('language-select').selectOption(language);
  }
}
