#!/usr/bin/env node
// `npm test`: typecheck (Node and renderer), lint, the Electron security check, unit tests, build, a
// packaging dry run, end-to-end tests in Chromium, and the desktop suite in Electron (skipped, with
// its reason, where no Electron binary is installed).
// Every step runs even when an earlier one fails, and the last line is a plain summary:
// `N passed, N failed` (N skipped when there are any), counting each check and each test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const cacheDir = join(process.cwd(), '.cache', 'test-results');
rmSync(cacheDir, { recursive: true, force: true });
mkdirSync(cacheDir, { recursive: true });
const vitestJson = join(cacheDir, 'vitest.json');
const playwrightJson = join(cacheDir, 'playwright.json');

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function countSuite(label, ok, counts) {
  if (!counts) {
    totals.failed++;
    failures.push(`${label} (no results)`);
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (counts.failed > 0 || !ok) failures.push(label);
  if (!ok && counts.failed === 0) totals.failed++;
}

const bin = (name) => join('node_modules', '.bin', name);
check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json']);
check('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json']);
check('lint', bin('eslint'), ['.']);
// Electron security anti-patterns (Doyensec electronegativity); every finding must be explained.
check('electron security (electronegativity)', bin('tsx'), ['build/security/electronegativity-check.ts']);

// Native companions compile once (minutes on two cores) and are cached; building them here keeps the
// compile out of the time limits of the tests that use them.
check('native tools (studio-trainer, llama-quantize, llama-server)', bin('tsx'), ['native/build.ts']);

const unitOk = run('unit tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
// A test file that fails to load has no test results of its own; count it as one failure.
const brokenFiles = (vitest?.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
countSuite('unit tests', unitOk, vitest && {
  passed: vitest.numPassedTests,
  failed: vitest.numFailedTests + brokenFiles,
  skipped: vitest.numPendingTests + vitest.numTodoTests,
});

check('build', 'npm', ['run', 'build', '--silent']);
// electron-builder packs the built app around a stand-in Electron; checks what lands in the package.
check('packaging dry run (electron-builder)', bin('tsx'), ['build/package-dry-run.ts']);

const e2eOk = run('end-to-end tests', bin('playwright'), ['test'], { PW_JSON_OUTPUT: playwrightJson });
const pw = readJson(playwrightJson);
countSuite('end-to-end tests', e2eOk, pw && { passed: pw.stats.expected + pw.stats.flaky, failed: pw.stats.unexpected, skipped: pw.stats.skipped });

// The desktop app in real Electron; without an Electron binary its tests report themselves skipped.
const electronJson = join(cacheDir, 'playwright-electron.json');
const electronOk = run('desktop end-to-end tests (Electron)', bin('playwright'), ['test', '-c', 'playwright.electron.config.ts'], { PW_JSON_OUTPUT: electronJson });
const pwElectron = readJson(electronJson);
countSuite('desktop end-to-end tests', electronOk, pwElectron && {
  passed: pwElectron.stats.expected + pwElectron.stats.flaky,
  failed: pwElectron.stats.unexpected,
  skipped: pwElectron.stats.skipped,
});

console.log('');
if (failures.length > 0) console.log(`Failed: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
