import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electron, ROOT } from './fixtures/desktop-app';

/** Says up front whether the desktop suite runs, and why not when it cannot. */
// Playwright loads global setup from the default export.
// eslint-disable-next-line no-restricted-syntax
export default function globalSetup(): void {
  if ('reason' in electron) {
    console.log(`\n[desktop e2e] skipped: ${electron.reason}\n`);
    return;
  }
  if (!existsSync(join(ROOT, 'dist-electron', 'main.js')) || !existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('[desktop e2e] build the app first: npm run build');
  }
  console.log(`\n[desktop e2e] Electron: ${electron.path}\n`);
}
