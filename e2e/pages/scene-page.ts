import { expect, type Locator, type Page } from '@playwright/test';

/** A scene in the chat pane: the New scene dialog, the cast bar and Let them talk. */
export class ScenePage {
  constructor(readonly page: Page) {}

  get pane(): Locator {
    return this.page.getByTestId('chat-pane');
  }

  get dialog(): Locator {
    return this.page.getByTestId('new-scene-dialog');
  }

  /** The cast bar's portraits, in scene order. */
  get cast(): Locator {
    return this.pane.getByTestId('cast-member');
  }

  castMember(characterId: string): Locator {
    return this.pane.locator(`[data-testid="cast-member"][data-character-id="${characterId}"]`);
  }

  /** Chat → New scene with the open chat's character as host and `others` after it; opens the scene. */
  async create(others: string[], fields: { description?: string; title?: string; withUser?: boolean } = {}): Promise<void> {
    await this.pane.getByTestId('scene-new').click();
    for (const id of others) await this.dialog.getByTestId(`scene-pick-${id}`).check();
    if (fields.withUser === false) await this.dialog.getByTestId('scene-with-user').uncheck();
    if (fields.description !== undefined) await this.dialog.getByTestId('scene-description-input').fill(fields.description);
    if (fields.title !== undefined) await this.dialog.getByTestId('scene-title').fill(fields.title);
    await expect(this.dialog.getByTestId('scene-opening')).not.toHaveValue('');
    await this.dialog.getByTestId('scene-create').click();
    await expect(this.dialog).toBeHidden();
    await this.page.locator('[data-testid="chat-pane"][data-scene="true"]').waitFor();
  }

  /** Starts Let them talk for `turns` turns and returns once the first line is being written (to step in or stop). */
  async startTalking(turns: number): Promise<void> {
    await this.clickTalk(turns);
    await expect(this.pane.locator('[data-testid="message"][data-status="streaming"] [data-testid="message-text"]')).not.toHaveText('');
  }

  /** Lets them talk for `turns` turns and waits until every turn is saved. */
  async talk(turns: number): Promise<void> {
    const before = Number(await this.pane.getAttribute('data-replies'));
    await this.clickTalk(turns);
    await this.page.locator(`[data-testid="chat-pane"][data-replies="${before + turns}"][data-talking="false"]`).waitFor();
  }

  private async clickTalk(turns: number): Promise<void> {
    await this.pane.getByTestId('talk-turns').fill(String(turns));
    await this.pane.getByTestId('talk-start').click();
  }

  /** Waits until no talk runs and no reply streams. */
  async quiet(): Promise<void> {
    await this.page.locator('[data-testid="chat-pane"][data-talking="false"][data-streaming="false"]').waitFor();
  }
}
