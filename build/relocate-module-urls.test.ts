import { describe, expect, it } from 'vitest';
import { relocateModuleUrls } from './relocate-module-urls';

const root = '/app';
const bundle = '/app/dist-electron';

describe('relocating module URLs into the main-process bundle', () => {
  it('keeps each URL pointing at the same file from the bundle', () => {
    const code = "export const CATALOG = fileURLToPath(new URL('../../../models/catalog.json', import.meta.url));";
    expect(relocateModuleUrls(code, `${root}/electron/services/models/model-catalog.ts`, bundle)).toBe(
      "export const CATALOG = fileURLToPath(new URL('../models/catalog.json', import.meta.url));",
    );
  });

  it('handles folders, the project root and files beside the bundle', () => {
    expect(relocateModuleUrls('new URL("../../..", import.meta.url)', `${root}/electron/services/native/native-build.ts`, bundle)).toBe(
      'new URL("..", import.meta.url)',
    );
    expect(relocateModuleUrls("new URL('../dist-electron/preload.cjs', import.meta.url)", `${root}/electron/main.ts`, bundle)).toBe(
      "new URL('./preload.cjs', import.meta.url)",
    );
    expect(relocateModuleUrls("new URL('../dist/renderer/', import.meta.url)", `${root}/electron/main.ts`, bundle)).toBe(
      "new URL('../dist/renderer/', import.meta.url)",
    );
  });

  it('leaves absolute and scheme URLs alone', () => {
    const code = "new URL('https://example.com/x', import.meta.url); new URL('/abs', import.meta.url)";
    expect(relocateModuleUrls(code, `${root}/electron/a/b.ts`, bundle)).toBe(code);
  });
});
