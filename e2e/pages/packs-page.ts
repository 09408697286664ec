import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

/** The Packs section: import files, export characters, back up the library. */
export class PacksPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-packs').click();
    await this.page.getByTestId('packs-drop-zone').waitFor();
  }

  /** Picks files with the file picker (what `<input type=file>` receives). */
  async importFiles(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.page.getByTestId('packs-file-input').setInputFiles(files);
  }

  /** Drops files on the drop zone, as a drag from the desktop does. */
  async dropFiles(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    const payload = files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString('base64') }));
    const transfer = await this.page.evaluateHandle((items) => {
      // Runs in the page; this file is type-checked with Node's globals, which lack DataTransfer.
      const page = globalThis as unknown as {
        DataTransfer: new () => { items: { add: (file: unknown) => void } };
        File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
      };
      const data = new page.DataTransfer();
      for (const item of items) {
        const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
        data.items.add(new page.File([bytes], item.name, { type: item.mimeType }));
      }
      return data;
    }, payload);
    await this.page.getByTestId('packs-drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
  }

  get imported() {
    return this.page.getByTestId('packs-imported');
  }

  get failed() {
    return this.page.getByTestId('packs-failed');
  }

  /** The lines naming what the last export could not carry. */
  get omitted() {
    return this.page.getByTestId('packs-omitted');
  }

  row(name: string) {
    return this.page.getByTestId('packs-export-table').locator('tr', { hasText: name });
  }

  /** Clicks an export button and returns the downloaded file's name and bytes. */
  async export(name: string, format: 'png' | 'json' | 'charx' | 'pack'): Promise<{ fileName: string; bytes: Buffer }> {
    const row = this.row(name).first();
    const id = await row.getAttribute('data-character-id');
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`export-${format}-${id}`).click();
    const file = await download;
    return { fileName: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  }

  /** Clicks a button that downloads and returns the file. */
  async download(testId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(testId).click();
    const file = await download;
    return { fileName: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  }
}
