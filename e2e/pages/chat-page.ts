import { expect, type Locator, type Page } from '@playwright/test';

/** The live chat pane (beside the editor or in the Chat section) and the Chat section's tabs. */
export class ChatPage {
  constructor(readonly page: Page) {}

  /** Opens the Chat section for a character. */
  async open(url: string, characterId: string, tab: 'chat' | 'corrections' | 'evaluations' = 'chat'): Promise<void> {
    await this.page.goto(`${url}#/chat/${encodeURIComponent(characterId)}/${tab}`);
    await this.page.getByTestId(tab === 'chat' ? 'chat-pane' : tab === 'corrections' ? 'corrections-view' : 'chat-tab-evaluations').waitFor();
  }

  get pane(): Locator {
    return this.page.getByTestId('chat-pane');
  }

  messages(): Locator {
    return this.pane.getByTestId('message');
  }

  message(index: number): Locator {
    return this.messages().nth(index);
  }

  last(): Locator {
    return this.messages().last();
  }

  text(message: Locator): Locator {
    return message.getByTestId('message-text');
  }

  get input(): Locator {
    return this.pane.getByTestId('composer-input');
  }

  /** Types a message and presses Enter (the keyboard way to send); returns once the reply is saved. */
  async send(text: string): Promise<void> {
    await this.replyTo(async () => {
      await this.input.fill(text);
      await this.input.press('Enter');
    });
  }

  /** Starts a reply with `action` (send, regenerate, continue) and waits until it is saved. */
  async replyTo(action: () => Promise<void>): Promise<void> {
    const before = Number(await this.pane.getAttribute('data-replies'));
    await action();
    await this.page.locator(`[data-testid="chat-pane"][data-replies="${before + 1}"]`).waitFor();
  }

  /** Starts a reply with `action` and returns without waiting for it (to watch it stream or stop it). */
  async startReply(action: () => Promise<void>): Promise<void> {
    await action();
    await this.page.locator('[data-testid="chat-pane"][data-streaming="true"]').waitFor();
  }

  async settings(values: { maxTokens?: number; banEos?: boolean; seed?: number | null }): Promise<void> {
    const panel = this.pane.getByTestId('chat-settings');
    if (!(await panel.isVisible())) await this.pane.getByTestId('chat-settings-toggle').click();
    if (values.maxTokens !== undefined) await this.fillAndWait(panel.getByTestId('sampler-maxTokens'), String(values.maxTokens));
    if (values.seed !== undefined) await this.fillAndWait(panel.getByTestId('sampler-seed'), values.seed === null ? '' : String(values.seed));
    if (values.banEos !== undefined) {
      const box = panel.getByTestId('sampler-banEos');
      if ((await box.isChecked()) !== values.banEos) await box.click();
      await expect(box).toBeChecked({ checked: values.banEos });
    }
  }

  private async fillAndWait(input: Locator, value: string): Promise<void> {
    await input.fill(value);
    await input.blur();
    await expect(input).toHaveValue(value);
  }

  async chatTitles(): Promise<string[]> {
    return this.pane.getByTestId('chat-select').locator('option').allTextContents();
  }
}
