import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code as *.test.ts; e2e/ belongs to Playwright.
export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,models,bench,build,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
