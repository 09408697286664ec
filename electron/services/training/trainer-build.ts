import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNative, nativeCacheRoot, type NativeBuildSpec } from '../native/native-build';

// The trainer is built once from node-llama-cpp's bundled llama.cpp with our patch set (native/), then
// cached; a packaged app ships it prebuilt (STUDIO_NATIVE_BIN). `STUDIO_TRAINER_CUDA=1` builds the CUDA
// variant where a CUDA toolkit exists.

const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const STALE_LOCK_MS = 45 * 60_000;

/** The native build of studio-trainer. */
export function trainerBuildSpec(env: NodeJS.ProcessEnv = process.env): NativeBuildSpec {
  return {
    variant: 'studio',
    targets: ['studio-trainer'],
    patchDir: join(REPO_ROOT, 'native', 'patches'),
    extraSourceDir: join(REPO_ROOT, 'native', 'trainer'),
    cuda: env.STUDIO_TRAINER_CUDA === '1',
  };
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

// Two processes (a test and a studio, say) must not compile into the same cache folder at once.
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const dir = nativeCacheRoot();
  await mkdir(dir, { recursive: true });
  const lock = join(dir, 'studio-trainer.lock');
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      break;
    } catch {
      const info = await stat(lock).catch(() => null);
      if (info && Date.now() - info.mtimeMs > STALE_LOCK_MS) await rm(lock, { force: true });
      await sleep(1000);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

/** Builds (once) and returns `targets` of the studio variant, e.g. the trainer and llama-quantize for tests and benchmarks. */
export async function ensureStudioTools(targets: string[], log: (line: string) => void = () => undefined): Promise<Record<string, string>> {
  const result = await withBuildLock(() => buildNative({ ...trainerBuildSpec(), targets }, log));
  return result.executables;
}

/** Path of the trainer executable, building it first when needed (minutes, once); `log` gets compiler lines. */
export async function ensureTrainer(log: (line: string) => void = () => undefined): Promise<string> {
  if (process.env.STUDIO_TRAINER_BIN) return process.env.STUDIO_TRAINER_BIN;
  const exe = (await ensureStudioTools(['studio-trainer'], log))['studio-trainer'];
  if (!exe) throw new Error('studio-trainer missing from the build result');
  return exe;
}
