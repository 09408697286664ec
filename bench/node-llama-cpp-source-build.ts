import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLlama } from 'node-llama-cpp';
import { bundledLlamaSource } from '../electron/services/native/llama-source';
import { checkoutLlamaSource, nativeCacheRoot, runBuildStep as run } from '../electron/services/native/native-build';

// node-llama-cpp's own addon (its llama/ CMake project around llama.cpp) and llama-bench, built in one tree
// from the bundled llama.cpp source, for a backend node-llama-cpp ships no binary for here: on a card's
// machine its prebuilt CUDA package (181 MB) cannot travel, and `node-llama-cpp source build` needs npm,
// cmake-js and Node's headers from the internet. So the bench drives cmake itself, as cmake-js would, with
// the N-API headers of the node that runs it. llama-bench from the same tree is compiled with the same
// flags as the addon the studio runs: the comparison then measures the code around llama.cpp, not two builds.

export type SourceBackend = 'cuda' | 'vulkan' | 'cpu';

export interface NodeLlamaCppSourceBuild {
  backend: SourceBackend;
  /** llama-addon.node and the shared libraries it loads from its own folder. */
  addonFiles: string[];
  llamaBench: string;
  cached: boolean;
  buildSeconds: number;
}

/** node-llama-cpp's package folder (the one `import 'node-llama-cpp'` loads). */
export function nodeLlamaCppPackageDir(): string {
  return dirname(dirname(fileURLToPath(import.meta.resolve('node-llama-cpp'))));
}

/** The llama.cpp release node-llama-cpp names its binaries by (its build metadata and folder names carry it). */
function llamaRelease(packageDir: string): string {
  return (JSON.parse(readFileSync(join(packageDir, 'llama', 'binariesGithubRelease.json'), 'utf8')) as { release: string }).release;
}

/** Folder of node_api.h: STUDIO_NODE_HEADERS (bench/gpu-check.sh carries them), else this node's own include/node. */
export function nodeApiHeadersDir(): string {
  const dir = process.env.STUDIO_NODE_HEADERS ?? join(dirname(process.execPath), '..', 'include', 'node');
  if (!existsSync(join(dir, 'node_api.h'))) throw new Error(`node_api.h is not in ${dir}: set STUDIO_NODE_HEADERS to a folder with Node's N-API headers`);
  return dir;
}

function flagsFor(backend: SourceBackend, packageDir: string, variant: string): string[] {
  const addonApi = dirname(createRequire(join(packageDir, 'package.json')).resolve('node-addon-api/package.json'));
  return [
    '-DCMAKE_BUILD_TYPE=Release',
    `-DCMAKE_JS_INC=${nodeApiHeadersDir()};${addonApi}`,
    `-DNLC_CURRENT_PLATFORM=linux-${process.arch}`, `-DNLC_TARGET_PLATFORM=linux-${process.arch}`, `-DNLC_VARIANT=${variant}`,
    '-DGGML_BUILD_NUMBER=1', '-DGGML_METAL=OFF', '-DGGML_CCACHE=OFF', '-DGGML_NATIVE=ON',
    '-DLLAMA_CURL=OFF', '-DLLAMA_HTTPLIB=OFF', '-DLLAMA_BUILD_BORINGSSL=OFF', '-DLLAMA_OPENSSL=OFF',
    // llama-bench in the same tree; nothing else of llama.cpp's tools
    '-DLLAMA_BUILD_TOOLS=ON', '-DLLAMA_BUILD_SERVER=OFF', '-DLLAMA_BUILD_EXAMPLES=OFF', '-DLLAMA_BUILD_TESTS=OFF',
    // the card of this machine only: every architecture would multiply ggml-cuda's build time
    ...(backend === 'cuda' ? ['-DGGML_CUDA=ON', '-DCMAKE_CUDA_ARCHITECTURES=native'] : []),
    ...(backend === 'vulkan' ? ['-DGGML_VULKAN=ON'] : []),
  ];
}

/** `git apply` each of node-llama-cpp's own llama.cpp patches that the source does not hold already. */
async function applyPackagePatches(packageDir: string, source: string, log: (line: string) => void): Promise<void> {
  const dir = join(packageDir, 'llama', 'patches');
  if (!existsSync(dir)) return;
  for (const patch of (await readdir(dir)).filter((f) => f.endsWith('.diff')).sort()) {
    const file = join(dir, patch);
    const applied = await run('git', ['apply', '--ignore-whitespace', '--reverse', '--check', file], source, () => undefined).then(() => true, () => false);
    if (applied) continue;
    log(`applying node-llama-cpp's ${patch}`);
    await run('git', ['apply', '--ignore-whitespace', file], source, log);
  }
}

/** Builds (or finds cached) node-llama-cpp's addon and llama-bench for `backend`; `log` gets the compiler's lines. */
export async function buildNodeLlamaCppFromSource(backend: SourceBackend, log: (line: string) => void): Promise<NodeLlamaCppSourceBuild> {
  // node-llama-cpp's platform names, library suffixes and folder layout differ elsewhere; cards are measured on Linux
  if (process.platform !== 'linux') throw new Error(`the source build of node-llama-cpp is written for Linux, not ${process.platform}`);
  const started = performance.now();
  const packageDir = nodeLlamaCppPackageDir();
  const { tag } = bundledLlamaSource();
  const variant = [...(backend === 'cpu' ? [] : [backend]), llamaRelease(packageDir)].join('.');
  const flags = flagsFor(backend, packageDir, variant);
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update([tag, version, process.platform, process.arch, ...flags.filter((f) => !f.startsWith('-DCMAKE_JS_INC'))].join('\n')).digest('hex').slice(0, 16);
  const root = join(nativeCacheRoot(), `nlc-addon-${backend}-${key}`);
  const build = join(root, 'build');
  const addon = join(build, 'llama-addon.node');
  const llamaBench = join(build, 'bin', 'llama-bench');
  const files = async (): Promise<string[]> =>
    [addon, ...(await readdir(join(build, 'bin'))).filter((f) => /\.so(\.|$)/.test(f)).map((f) => join(build, 'bin', f))];
  if (existsSync(addon) && existsSync(llamaBench)) return { backend, addonFiles: await files(), llamaBench, cached: true, buildSeconds: 0 };

  const source = join(root, 'src');
  if (!existsSync(join(source, '.studio-source-ready'))) {
    // staged, so an interrupted copy is never taken for a ready tree
    const staging = `${source}.staging`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    for (const entry of await readdir(join(packageDir, 'llama'))) {
      if (['gitRelease.bundle', 'source.tar.gz', 'llama.cpp', 'localBuilds', 'xpack', 'lastBuild.json'].includes(entry)) continue;
      await cp(join(packageDir, 'llama', entry), join(staging, entry), { recursive: true });
    }
    await checkoutLlamaSource(join(staging, 'llama.cpp'), root, log);
    await applyPackagePatches(packageDir, join(staging, 'llama.cpp'), log);
    await writeFile(join(staging, '.studio-source-ready'), tag);
    await rm(source, { recursive: true, force: true });
    await rename(staging, source);
  }
  await run('cmake', ['-S', source, '-B', build, ...flags], root, log);
  await run('cmake', ['--build', build, '--config', 'Release', '-j', String(availableParallelism()), '--target', 'llama-addon', 'llama-bench'], root, log);
  for (const file of [addon, llamaBench]) if (!existsSync(file)) throw new Error(`the build finished without ${file}`);
  return { backend, addonFiles: await files(), llamaBench, cached: false, buildSeconds: Math.round((performance.now() - started) / 1000) };
}

/**
 * Installs `built` as node-llama-cpp's local build for its backend (llama/localBuilds/<platform>-<arch>[-gpu],
 * the folder node-llama-cpp itself compiles into and looks in before its prebuilt packages), with the build
 * metadata it reads. Only for a backend it has no binary of: a local build would take precedence over a
 * prebuilt one for every program using this node-llama-cpp.
 */
export async function installAsLocalBuild(built: NodeLlamaCppSourceBuild): Promise<string> {
  const packageDir = nodeLlamaCppPackageDir();
  const folder = `linux-${process.arch}${built.backend === 'cpu' ? '' : `-${built.backend}`}`;
  const dir = join(packageDir, 'llama', 'localBuilds', folder);
  const result = join(dir, 'Release');
  await rm(dir, { recursive: true, force: true });
  await mkdir(result, { recursive: true });
  for (const file of built.addonFiles) await copyFile(file, join(result, file.split('/').pop()!));
  const buildOptions = {
    customCmakeOptions: {}, progressLogs: false, platform: 'linux', platformInfo: { name: 'Linux', version: release() }, arch: process.arch,
    gpu: built.backend === 'cpu' ? false : built.backend, llamaCpp: { repo: 'ggml-org/llama.cpp', release: llamaRelease(packageDir) },
  };
  await writeFile(join(result, '_nlcBuildMetadata.json'), JSON.stringify({ buildOptions }));
  await writeFile(join(dir, 'buildDone.status'), '');
  return dir;
}

/** What the bench JSON says of a source build. */
export interface SourceBuildReport {
  backend: SourceBackend;
  label: string;
  llamaBench: string;
  buildSeconds: number;
  cached: boolean;
  /** The studio's binary: node-llama-cpp's own (`prebuilt`) where it has one for the backend, else this build (`localBuild`). */
  studioBinary: 'prebuilt' | 'localBuild';
}

/** Whether node-llama-cpp loads a binary of `backend` without building one. */
async function nodeLlamaCppHas(backend: SourceBackend): Promise<boolean> {
  try {
    const llama = await getLlama({ gpu: backend === 'cpu' ? false : backend, build: 'never', logLevel: 'error' as never, progressLogs: false });
    await llama.dispose();
    return true;
  } catch {
    return false;
  }
}

/** Builds for `backend` and, where node-llama-cpp has no binary of it, installs the build as its local build. */
export async function prepareSourceBuild(backend: SourceBackend, log: (line: string) => void): Promise<SourceBuildReport> {
  log(`building node-llama-cpp's addon and llama-bench for ${backend} from the bundled llama.cpp source`);
  const built = await buildNodeLlamaCppFromSource(backend, (line) => log(`  [build] ${line}`));
  const own = await nodeLlamaCppHas(backend);
  if (!own) {
    log(`node-llama-cpp has no ${backend} binary here: installed the build at ${await installAsLocalBuild(built)}`);
    if (!(await nodeLlamaCppHas(backend))) throw new Error(`node-llama-cpp does not load the ${backend} build it was given`);
  }
  return { backend, label: `${backend}-source`, llamaBench: built.llamaBench, buildSeconds: built.buildSeconds, cached: built.cached, studioBinary: own ? 'prebuilt' : 'localBuild' };
}
