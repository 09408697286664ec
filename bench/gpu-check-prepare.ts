import { execFile, spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { nodeLlamaCppLlamaDir } from '../electron/services/native/llama-source';

// `npm run gpu-check:prepare`: what bench/gpu-check.sh needs on a machine with an NVIDIA card but without
// node_modules (or node), in .gpu-check/ (git-ignored; carry it there):
//   bundle/bench/gpu-check.mjs  bench/gpu-check.ts and everything it imports, in one file. It sits three
//                               folders down, as electron/services/native/studio-tools.ts does, so the paths
//                               that module takes from its own place (native/patches, native/trainer) still
//                               name this repo's folders.
//   node.xz                     this machine's node, compressed (about 24 MB from 99).
//   llama/                      node-llama-cpp's bundled llama.cpp source (a git bundle) and its tag, which
//                               native-build.ts reads through STUDIO_LLAMA_DIR.

const run = promisify(execFile);
const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(REPO_ROOT, '.gpu-check');
/** What a device run may carry with the working tree, together (the device tool's limit). */
const CARRY_LIMIT_BYTES = 64 * 2 ** 20;

async function size(path: string): Promise<number> {
  return (await stat(path)).size;
}

await mkdir(join(OUT, 'llama'), { recursive: true });
await build({
  entryPoints: [join(REPO_ROOT, 'bench', 'gpu-check.ts')],
  outfile: join(OUT, 'bundle', 'bench', 'gpu-check.mjs'),
  bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
  // A CommonJS dependency bundled into ESM may call require() for node built-ins.
  banner: { js: "import { createRequire as studioCreateRequire } from 'node:module'; const require = studioCreateRequire(import.meta.url);" },
});

const nodeXz = join(OUT, 'node.xz');
if (!existsSync(nodeXz)) {
  process.stderr.write(`compressing ${process.execPath} (a minute or two)…\n`);
  const xz = spawn('xz', ['-6', '-c'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const written = pipeline(xz.stdout, createWriteStream(`${nodeXz}.partial`));
  await pipeline(createReadStream(process.execPath), xz.stdin);
  await written;
  await rename(`${nodeXz}.partial`, nodeXz);
}

const llamaDir = nodeLlamaCppLlamaDir();
for (const file of ['gitRelease.bundle', 'llama.cpp.info.json']) await copyFile(join(llamaDir, file), join(OUT, 'llama', file));

const tracked = (await run('git', ['ls-files', '-z'], { cwd: REPO_ROOT, maxBuffer: 64 << 20 })).stdout.split('\0').filter(Boolean);
let treeBytes = 0;
for (const file of tracked) treeBytes += await size(join(REPO_ROOT, file)).catch(() => 0);
const carried = (await size(join(OUT, 'bundle', 'bench', 'gpu-check.mjs'))) + (await size(nodeXz))
  + (await size(join(OUT, 'llama', 'gitRelease.bundle'))) + (await size(join(OUT, 'llama', 'llama.cpp.info.json')));
const total = treeBytes + carried;
process.stdout.write(`${JSON.stringify({ prepared: OUT, carriedBytes: carried, trackedTreeBytes: treeBytes, totalBytes: total, limitBytes: CARRY_LIMIT_BYTES, fits: total <= CARRY_LIMIT_BYTES }, null, 2)}\n`);
if (total > CARRY_LIMIT_BYTES) process.exitCode = 1;
