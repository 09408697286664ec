import { defineConfig } from '@playwright/test';

// The desktop suite: Playwright's Electron support launches the packaged-to-be app (dist-electron/) on
// a fresh library. Where no Electron binary is installed (here, CI) every test reports itself skipped
// with the reason, which global setup also prints.

export default defineConfig({
  testDir: 'e2e-electron',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e-electron/global-setup.ts',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: process.env.PW_JSON_OUTPUT ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]] : [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
