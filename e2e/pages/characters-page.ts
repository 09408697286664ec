import type { Locator, Page } from '@playwright/test';

/** The Characters section: library list, editor fields, preview and trash. */
export class CharactersPage {
  constructor(readonly page: Page) {}

  async open(url: string, id?: string): Promise<void> {
    await this.page.goto(id ? `${url}#/characters/${encodeURIComponent(id)}` : `${url}#/characters`);
    await this.page.getByTestId('new-character').waitFor();
  }

  async newBlank(): Promise<void> {
    await this.page.getByTestId('new-character').click();
    await this.page.getByTestId('new-blank').click();
    await this.title.waitFor();
  }

  async newFromExample(exampleId: string): Promise<void> {
    await this.page.getByTestId('new-character').click();
    await this.page.getByTestId(`new-example-${exampleId}`).click();
    await this.title.waitFor();
  }

  /** The input or textarea of a field, by its draft path (`attributes.identity`). */
  field(path: string): Locator {
    return this.page.getByTestId(`field-${path}`);
  }

  problem(path: string): Locator {
    return this.page.getByTestId(`problem-${path}`);
  }

  /** Adds an item to a list field and types it. */
  async addListItem(path: string, text: string): Promise<void> {
    const count = await this.page.getByTestId(`list-${path}`).locator(':scope > li').count();
    await this.page.getByTestId(`add-${path}`).click();
    await this.field(`${path}.${count}`).fill(text);
  }

  listValues(path: string): Promise<string[]> {
    return this.page.getByTestId(`list-${path}`).locator(':scope > li input').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
  }

  get title() {
    return this.page.getByTestId('editor-title');
  }

  /** The card assets listed under Basics (name, type, thumbnail). */
  get assets() {
    return this.page.getByTestId('asset-gallery').getByTestId('asset-item');
  }

  get saveState() {
    return this.page.getByTestId('save-state');
  }

  /** Waits until autosave has written everything. */
  async waitSaved(): Promise<void> {
    await this.page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  }

  get botInfo() {
    return this.page.getByTestId('preview-bot-info');
  }

  get prompt() {
    return this.page.getByTestId('preview-prompt');
  }

  get tokenCount() {
    return this.page.getByTestId('token-count');
  }

  rows() {
    return this.page.getByTestId('character-row');
  }

  row(name: string) {
    return this.rows().filter({ hasText: name });
  }

  async undoShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+z');
  }

  async redoShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+Shift+z');
  }

  /** Pastes image bytes into the avatar drop zone, as a clipboard paste of a copied image file does. */
  async pasteAvatar(bytes: Buffer, name: string): Promise<void> {
    await this.page.getByTestId('avatar-paste').evaluate((el, { data, fileName }) => {
      // Runs in the page; this file is type-checked with Node's globals, which lack the DOM classes.
      const page = globalThis as unknown as {
        DataTransfer: new () => { items: { add: (file: unknown) => void } };
        File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
        ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
      };
      const transfer = new page.DataTransfer();
      transfer.items.add(new page.File([new Uint8Array(data)], fileName, { type: 'image/png' }));
      (el as unknown as { dispatchEvent: (e: unknown) => void }).dispatchEvent(new page.ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, { data: [...bytes], fileName: name });
  }

  async deleteOpen(): Promise<void> {
    await this.page.getByTestId('delete').click();
  }

  async openTrash(): Promise<void> {
    await this.page.getByTestId('open-trash').click();
  }

  trashRow(name: string) {
    return this.page.getByTestId('trash-row').filter({ hasText: name });
  }
}
