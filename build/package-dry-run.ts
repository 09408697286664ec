import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { SHIPPED_BINARY_SUFFIXES } from './electron-builder.config';

// `npx tsx build/package-dry-run.ts` (a step of `npm test`, after the build): runs the real
// electron-builder with build/electron-builder.config.ts on this project, packaging an unpacked Linux
// app around a stand-in Electron (the real one cannot be downloaded here), then checks what landed in
// it: the built app inside the asar, node-llama-cpp's binaries unpacked and only for this platform,
// nothing of the CLI's TypeScript runner, the native companions as resources. Prints one JSON line.

const require = createRequire(import.meta.url);
/** Paths main.js names that a package does without: the app folder itself, and the unpackaged run's icon. */
const DEV_ONLY_URLS = new Set(['/', '/build/icons/icon.png']);
const asar = require('@electron/asar') as {
  listPackage: (archive: string, options?: object) => string[];
  statFile: (archive: string, file: string) => { unpacked?: boolean };
};

function skip(reason: string): never {
  process.stdout.write(`${JSON.stringify({ ok: true, skipped: reason })}\n`);
  process.exit(0);
}

if (process.platform !== 'linux') skip(`the stand-in Electron is a Linux layout; this machine is ${process.platform}`);
if (!existsSync('dist-electron/main.js') || !existsSync('dist/renderer/index.html')) {
  process.stderr.write('build the app first: npm run build\n');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'studio-package-'));
try {
  const fakeElectron = join(work, 'electron-dist');
  mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
  writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\necho "stand-in Electron used by build/package-dry-run.ts"\n');
  chmodSync(join(fakeElectron, 'electron'), 0o755);
  writeFileSync(join(fakeElectron, 'version'), require('electron/package.json').version as string);
  const out = join(work, 'release');
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const started = Date.now();
  const run = spawnSync(
    join('node_modules', '.bin', 'electron-builder'),
    ['--linux', 'dir', `--${arch}`, '--config', 'build/electron-builder.config.ts', `-c.electronDist=${fakeElectron}`, `-c.directories.output=${out}`],
    { encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  if (run.status !== 0) {
    process.stderr.write(`${run.stdout}\n${run.stderr}\n`);
    throw new Error(`electron-builder exited with ${run.status}`);
  }

  const resources = join(out, 'linux-unpacked', 'resources');
  const files = asar.listPackage(join(resources, 'app.asar'), { isPack: false });
  const problems: string[] = [];
  for (const required of ['/package.json', '/dist-electron/main.js', '/dist-electron/preload.cjs', '/dist/renderer/index.html', '/models/catalog.json']) {
    if (!files.includes(required)) problems.push(`app.asar lacks ${required}`);
  }
  for (const banned of ['/node_modules/tsx', '/node_modules/esbuild', '/node_modules/node-llama-cpp/llama/gitRelease.bundle', '/node_modules/node-llama-cpp/templates']) {
    if (files.some((f) => f === banned || f.startsWith(`${banned}/`))) problems.push(`app.asar should not contain ${banned}`);
  }
  if (files.some((f) => f.startsWith('/dist-electron/') && f.endsWith('.map'))) problems.push('app.asar contains source maps');
  // Every file the main process finds relative to itself must be in the package too.
  const mainJs = readFileSync('dist-electron/main.js', 'utf8');
  for (const [, path] of mainJs.matchAll(/new URL\("(\.[^"]*)", import\.meta\.url\)/g)) {
    const inAsar = posix.join('/dist-electron', path!).replace(/\/$/, '');
    if (DEV_ONLY_URLS.has(inAsar)) continue;
    if (!files.some((f) => f === inAsar || f.startsWith(`${inAsar}/`))) problems.push(`main.js reads ${inAsar}, which is not in app.asar`);
  }
  const unpackedDir = join(resources, 'app.asar.unpacked', 'node_modules', '@node-llama-cpp');
  const shipped = existsSync(unpackedDir) ? readdirSync(unpackedDir) : [];
  const allowed = SHIPPED_BINARY_SUFFIXES.map((s) => `linux-${arch}${s}`);
  if (!shipped.includes(`linux-${arch}`)) problems.push(`node-llama-cpp's linux-${arch} binaries are not unpacked from the asar`);
  for (const name of shipped) if (!allowed.includes(name)) problems.push(`ships another platform's or flavour's binaries: @node-llama-cpp/${name}`);
  // The asar's index lists unpacked files too, flagged: a native binary must never be read from inside it.
  const archive = join(resources, 'app.asar');
  for (const file of files.filter((f) => /\/node_modules\/(@node-llama-cpp|node-llama-cpp\/bins)\/.*\.(node|so|dll|dylib)$/.test(f))) {
    if (!asar.statFile(archive, file.slice(1)).unpacked) problems.push(`${file} stayed inside the asar`);
  }
  const staged = existsSync(join(resources, 'native')) ? readdirSync(join(resources, 'native')) : [];

  process.stdout.write(
    `${JSON.stringify({ ok: problems.length === 0, seconds: Math.round((Date.now() - started) / 1000), asarEntries: files.length, nodeLlamaCppBinaries: shipped, nativeCompanions: staged, problems })}\n`,
  );
  process.exitCode = problems.length === 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
