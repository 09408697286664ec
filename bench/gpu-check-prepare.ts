import { execFile, spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { nodeLlamaCppLlamaDir } from '../electron/services/native/llama-source';
import { nodeApiHeadersDir, nodeLlamaCppPackageDir } from './node-llama-cpp-source-build';

// `npm run gpu-check:prepare`: what bench/gpu-check.sh needs on a machine with an NVIDIA card but without
// node_modules (or node), in .gpu-check/ (git-ignored; carry it there):
//   bundle/bench/gpu-check.mjs  bench/gpu-check.ts and everything it imports, in one file. It sits three
//                               folders down, as electron/services/native/studio-tools.ts does, so the paths
//                               that module takes from its own place (native/patches, native/trainer) still
//                               name this repo's folders.
//   node.xz                     this machine's node, compressed (about 24 MB from 99).
//   llama/                      node-llama-cpp's bundled llama.cpp source (its tag's tree, trimmed, as
//                               source.tar.gz) and its tag, which native-build.ts reads through STUDIO_LLAMA_DIR.
//   bundle/bench/runtime-bench.mjs
//                               bench/runtime-bench.ts the same way, less node-llama-cpp, which it loads from
//   node_modules.tar.xz         node-llama-cpp and the packages it needs, without its prebuilt binaries and its
//                               source bundle (about 1 MB): `gpu-check.sh runtime` builds its addon there.
//   node-headers/               Node's N-API headers, which that build compiles the addon against.

const run = promisify(execFile);
const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(REPO_ROOT, '.gpu-check');
/** What a device run may carry with the working tree, together (the device tool's limit). */
const CARRY_LIMIT_BYTES = 64 * 2 ** 20;

async function size(path: string): Promise<number> {
  return (await stat(path)).size;
}

await mkdir(join(OUT, 'llama'), { recursive: true });
for (const [entry, external] of [['gpu-check', []], ['runtime-bench', ['node-llama-cpp']]] as const) {
  await build({
    entryPoints: [join(REPO_ROOT, 'bench', `${entry}.ts`)],
    outfile: join(OUT, 'bundle', 'bench', `${entry}.mjs`),
    bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', external: [...external],
    // A CommonJS dependency bundled into ESM may call require() for node built-ins.
    banner: { js: "import { createRequire as studioCreateRequire } from 'node:module'; const require = studioCreateRequire(import.meta.url);" },
  });
}

/** node-llama-cpp's folder and those of the packages it needs, transitively (its optional prebuilt packages left out). */
async function dependencyClosure(start: string): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    if (found.has(dir)) return;
    found.add(dir);
    const { dependencies = {} } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(dependencies)) {
      // where node would find it from `dir`: its own node_modules, then each folder above (walked by hand:
      // require.resolve('<name>/package.json') fails for packages whose "exports" do not list it)
      let place = dir;
      for (;;) {
        const candidate = join(place, 'node_modules', name);
        if (existsSync(join(candidate, 'package.json'))) {
          await visit(candidate);
          break;
        }
        if (dirname(place) === place) throw new Error(`${name}, needed by ${dir}, is not installed`);
        place = dirname(place);
      }
    }
  };
  await visit(start);
  return [...found];
}
const packageDir = nodeLlamaCppPackageDir();
// what `gpu-check.sh runtime` unpacked here on an earlier run (with the addon it built): stale now, and it
// would travel with .gpu-check/
await rm(join(OUT, 'node_modules'), { recursive: true, force: true });
const modulesRoot = dirname(packageDir);
const packages = (await dependencyClosure(packageDir)).map((dir) => relative(dirname(modulesRoot), dir));
const list = join(OUT, 'node_modules.list');
await writeFile(list, `${packages.join('\n')}\n`);
await run('sh', ['-c', `tar --exclude=gitRelease.bundle --exclude=localBuilds --exclude='llama/llama.cpp' --exclude='*.map' --exclude='*.d.ts' --exclude='node-llama-cpp/templates' -cf - -T "${list}" | xz -6 > "${OUT}/node_modules.tar.xz.partial"`], { cwd: dirname(modulesRoot) });
await rename(join(OUT, 'node_modules.tar.xz.partial'), join(OUT, 'node_modules.tar.xz'));
await rm(list);

await rm(join(OUT, 'node-headers'), { recursive: true, force: true });
await mkdir(join(OUT, 'node-headers'));
for (const header of ['node_api.h', 'node_api_types.h', 'js_native_api.h', 'js_native_api_types.h']) await copyFile(join(nodeApiHeadersDir(), header), join(OUT, 'node-headers', header));

const nodeXz = join(OUT, 'node.xz');
if (!existsSync(nodeXz)) {
  process.stderr.write(`compressing ${process.execPath} (a minute or two)…\n`);
  const xz = spawn('xz', ['-6', '-c'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const written = pipeline(xz.stdout, createWriteStream(`${nodeXz}.partial`));
  await pipeline(createReadStream(process.execPath), xz.stdin);
  await written;
  await rename(`${nodeXz}.partial`, nodeXz);
}

// The source as a trimmed tree of the bundle's tag (about 11 MB against the bundle's 35): no git history, and
// none of what the builds never read (tokenizer test vocabularies, docs, examples, the server's web UI).
const llamaDir = nodeLlamaCppLlamaDir();
await copyFile(join(llamaDir, 'llama.cpp.info.json'), join(OUT, 'llama', 'llama.cpp.info.json'));
await rm(join(OUT, 'llama', 'gitRelease.bundle'), { force: true });
const clone = join(OUT, 'llama', 'clone.partial');
await rm(clone, { recursive: true, force: true });
await run('git', ['clone', '--quiet', join(llamaDir, 'gitRelease.bundle'), clone]);
await run('git', [
  'archive', '--format=tar.gz', '-o', join(OUT, 'llama', 'source.tar.gz'), 'HEAD', '--', '.',
  ':(exclude)models/*.gguf', ':(exclude)docs', ':(exclude)examples', ':(exclude)media', ':(exclude)gguf-py', ':(exclude)tools/server/public*', ':(exclude)tools/server/webui',
], { cwd: clone });
await rm(clone, { recursive: true, force: true });

const tracked = (await run('git', ['ls-files', '-z'], { cwd: REPO_ROOT, maxBuffer: 64 << 20 })).stdout.split('\0').filter(Boolean);
let treeBytes = 0;
for (const file of tracked) treeBytes += await size(join(REPO_ROOT, file)).catch(() => 0);
let carried = 0;
for (const file of ['bundle/bench/gpu-check.mjs', 'bundle/bench/runtime-bench.mjs', 'node.xz', 'llama/source.tar.gz', 'llama/llama.cpp.info.json', 'node_modules.tar.xz']) carried += await size(join(OUT, file));
for (const header of ['node_api.h', 'node_api_types.h', 'js_native_api.h', 'js_native_api_types.h']) carried += await size(join(OUT, 'node-headers', header));
const total = treeBytes + carried;
process.stdout.write(`${JSON.stringify({ prepared: OUT, carriedBytes: carried, trackedTreeBytes: treeBytes, totalBytes: total, limitBytes: CARRY_LIMIT_BYTES, fits: total <= CARRY_LIMIT_BYTES }, null, 2)}\n`);
if (total > CARRY_LIMIT_BYTES) process.exitCode = 1;
