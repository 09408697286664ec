import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import { bundledLlamaSource } from './llama-source';
import { prebuiltExecutables } from './prebuilt-native';
import { userCacheDir } from './user-cache-dir';

// Builds native executables (llama.cpp tools and our own companions) from node-llama-cpp's bundled
// llama.cpp source with the system cmake and compiler. Builds are cached by a key over the source tag,
// the patch files, extra sources and flags, so a second call costs nothing; only requested targets are
// compiled (a full llama.cpp build takes minutes on two cores).

/** The GPU backends our native companions can be built with. */
export type GpuBuild = 'cuda' | 'vulkan' | 'metal';

const GPU_FLAGS: Record<GpuBuild, string> = { cuda: '-DGGML_CUDA=ON', vulkan: '-DGGML_VULKAN=ON', metal: '-DGGML_METAL=ON' };

/** What to build. */
export interface NativeBuildSpec {
  /** Names a cache family, e.g. `stock` (unmodified llama.cpp) or `studio` (with our patch set). */
  variant: string;
  /** cmake targets, e.g. `llama-quantize`. */
  targets: string[];
  /** `.patch` files applied in name order with `git apply` before configuring. */
  patchDir?: string;
  /** A folder copied into the source tree as `studio/`, and added with add_subdirectory. */
  extraSourceDir?: string;
  /** A GPU backend compiled in beside the CPU one (its toolkit must be installed). */
  gpu?: GpuBuild;
  cmakeFlags?: string[];
}

export interface NativeBuildResult {
  binDir: string;
  /** Absolute path of each requested target's executable. */
  executables: Record<string, string>;
  cached: boolean;
}

/**
 * Root of the build cache: the user's cache folder, outside any checkout, so every clone on a machine
 * shares builds with the same key. `STUDIO_NATIVE_CACHE` overrides (the desktop app points it at user data).
 */
export function nativeCacheRoot(): string {
  return process.env.STUDIO_NATIVE_CACHE ?? join(userCacheDir(), 'native');
}

async function filesDigest(dir: string | undefined, hash: ReturnType<typeof createHash>): Promise<void> {
  if (!dir || !existsSync(dir)) return;
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of entries) {
    hash.update(file.slice(dir.length));
    hash.update(await readFile(file));
  }
}

/** Runs one build step (git, cmake), its output lines to `log`; a failure quotes the output's last lines. */
export function runBuildStep(command: string, args: string[], cwd: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => reject(new StudioError('failed', `${command} could not start (${error.message}); install cmake and a C++ compiler`)));
    child.once('exit', (code) => {
      if (code === 0) resolvePromise();
      else reject(new StudioError('failed', `${command} ${args.slice(0, 3).join(' ')} failed with exit code ${code}: ${tail.split('\n').slice(-6).join(' | ')}`));
    });
  });
}

/** Puts the bundled llama.cpp source in `dest`, a new folder: a clone of the git bundle, or the carried trimmed tree. */
export async function checkoutLlamaSource(dest: string, cwd: string, log: (line: string) => void): Promise<void> {
  const { bundle, archive } = bundledLlamaSource();
  if (existsSync(bundle)) return runBuildStep('git', ['clone', '--quiet', bundle, dest], cwd, log);
  if (!existsSync(archive)) throw new StudioError('failed', `the llama.cpp source is missing: neither ${bundle} nor ${archive} exists`);
  await mkdir(dest, { recursive: true });
  await runBuildStep('tar', ['-xzf', archive, '-C', dest], cwd, log);
}

const BASE_FLAGS = [
  '-DCMAKE_BUILD_TYPE=Release',
  '-DBUILD_SHARED_LIBS=OFF',
  '-DLLAMA_BUILD_TESTS=OFF',
  '-DLLAMA_BUILD_EXAMPLES=OFF',
  '-DLLAMA_BUILD_SERVER=OFF',
  '-DLLAMA_BUILD_APP=OFF',
  '-DLLAMA_BUILD_UI=OFF',
  '-DLLAMA_USE_PREBUILT_UI=OFF',
  '-DLLAMA_OPENSSL=OFF',
  '-DLLAMA_BUILD_TOOLS=ON',
  '-DLLAMA_BUILD_COMMON=ON',
  '-DGGML_NATIVE=ON',
];

/** Where `spec` builds: the cache folder keyed by the source tag, flags, patches and sources. */
async function buildPlace(spec: NativeBuildSpec) {
  const { tag } = bundledLlamaSource();
  const flags = [...BASE_FLAGS, ...(spec.gpu ? [GPU_FLAGS[spec.gpu]] : []), ...(spec.cmakeFlags ?? [])];
  const hash = createHash('sha256').update(tag).update(flags.join(' ')).update(process.platform + process.arch);
  await filesDigest(spec.patchDir, hash);
  await filesDigest(spec.extraSourceDir, hash);
  const root = join(nativeCacheRoot(), `${spec.variant}-${hash.digest('hex').slice(0, 16)}`);
  const binDir = join(root, 'build', 'bin');
  const executables = Object.fromEntries(spec.targets.map((t) => [t, join(binDir, process.platform === 'win32' ? `${t}.exe` : t)]));
  return { flags, root, binDir, executables };
}

/** The executables of `spec` when they are built (shipped or cached) already, else null; never builds. */
export async function builtExecutables(spec: NativeBuildSpec): Promise<Record<string, string> | null> {
  const prebuilt = prebuiltExecutables(spec);
  if (prebuilt) return prebuilt.executables;
  const { executables } = await buildPlace(spec);
  return Object.values(executables).every((file) => existsSync(file)) ? executables : null;
}

/** Builds (or finds cached) executables for `spec`; `log` receives compiler output lines. */
export async function buildNative(spec: NativeBuildSpec, log: (line: string) => void = () => undefined): Promise<NativeBuildResult> {
  const prebuilt = prebuiltExecutables(spec);
  if (prebuilt) return { ...prebuilt, cached: true };
  const { tag } = bundledLlamaSource();
  const { flags, root, binDir, executables } = await buildPlace(spec);
  const srcDir = join(root, 'src');
  const buildDir = join(root, 'build');
  const exe = (t: string): string => executables[t]!;
  if (spec.targets.every((t) => existsSync(exe(t)))) return { binDir, executables, cached: true };

  await mkdir(root, { recursive: true });
  if (!existsSync(join(srcDir, '.studio-source-ready'))) {
    // Unpack to a temp folder first so an interrupted unpack is never mistaken for a ready tree.
    const staging = `${srcDir}.staging`;
    await rm(staging, { recursive: true, force: true });
    await checkoutLlamaSource(staging, root, log);
    if (spec.patchDir && existsSync(spec.patchDir)) {
      const patches = (await readdir(spec.patchDir)).filter((f) => f.endsWith('.patch')).sort();
      for (const patch of patches) {
        log(`applying ${patch}`);
        await runBuildStep('git', ['apply', '--whitespace=nowarn', join(resolve(spec.patchDir), patch)], staging, log);
      }
    }
    if (spec.extraSourceDir) {
      await cp(spec.extraSourceDir, join(staging, 'studio'), { recursive: true });
      const lists = join(staging, 'CMakeLists.txt');
      await writeFile(lists, `${await readFile(lists, 'utf8')}\nadd_subdirectory(studio)\n`);
    }
    await writeFile(join(staging, '.studio-source-ready'), tag);
    await rm(srcDir, { recursive: true, force: true });
    await rename(staging, srcDir);
  }
  await mkdir(dirname(buildDir), { recursive: true });
  await runBuildStep('cmake', ['-S', srcDir, '-B', buildDir, ...flags], root, log);
  const jobs = String(Math.max(1, availableParallelism()));
  await runBuildStep('cmake', ['--build', buildDir, '--config', 'Release', '-j', jobs, '--target', ...spec.targets], root, log);
  const missing = spec.targets.filter((t) => !existsSync(exe(t)));
  if (missing.length > 0) throw new StudioError('failed', `native build finished but ${missing.join(', ')} is missing in ${binDir}`);
  return { binDir, executables, cached: false };
}
