import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNative, builtExecutables, nativeCacheRoot, type GpuBuild, type NativeBuildSpec } from './native-build';

// The studio's native tools — studio-trainer (Training) and llama-quantize (Models › Convert) — come from
// one build of node-llama-cpp's bundled llama.cpp with our patch set (native/): the patches add training
// paths (backward ops, quantised OUT_PROD, a training window) and leave quantisation untouched, so
// llama-quantize is llama.cpp's own, and one tree compiles once instead of twice.
// Cached; a packaged app ships them prebuilt (STUDIO_NATIVE_BIN). A GPU variant (CUDA, Vulkan, Metal) is a
// separate build with that backend compiled in beside the CPU one; it needs the backend's toolkit.

const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const STALE_LOCK_MS = 45 * 60_000;

// A CUDA variant built on first use is for this machine's card alone: compiling ggml-cuda for every
// architecture it supports, and its flash-attention kernels (the trainer disables flash attention: it has no
// backward pass; llama-quantize runs no model), would multiply the build time. The packaged app's CUDA build
// (build/stage-native.ts) leaves both out of its spec and so ships for every card.
const THIS_MACHINE_GPU_FLAGS: Partial<Record<GpuBuild, string[]>> = {
  cuda: ['-DCMAKE_CUDA_ARCHITECTURES=native', '-DGGML_CUDA_FA=OFF'],
};

// Without AMX: ggml's AMX buffer type repacks weights for its own MUL_MAT, which crashed the trainer on a
// Xeon with AMX (SIGSEGV in ggml_backend_amx_mul_mat on the first training step of the tiny Q4_K_M model;
// the forward at training shapes, not inference). The options turn it off where the instruction set is
// chosen by option (GGML_NATIVE=OFF, the packaged build); with GGML_NATIVE=ON `-march=native` would turn it
// back on, and explicit `-mno-amx-*` win over -march in GCC and Clang (only x86-64 compilers know them).
const NO_AMX_FLAGS = [
  '-DGGML_AMX_TILE=OFF', '-DGGML_AMX_INT8=OFF', '-DGGML_AMX_BF16=OFF',
  ...(process.arch === 'x64' && process.platform !== 'win32'
    ? ['-DCMAKE_C_FLAGS=-mno-amx-tile -mno-amx-int8 -mno-amx-bf16', '-DCMAKE_CXX_FLAGS=-mno-amx-tile -mno-amx-int8 -mno-amx-bf16']
    : []),
];

// The CPU tree also configures llama-server: the remote-engine tests run the studio against it, and from
// this tree it costs only its own sources (the shared libraries are built for the trainer anyway). Its
// inference is stock llama.cpp's: the patches change training paths only.
const SERVER_FLAGS = ['-DLLAMA_BUILD_SERVER=ON'];

/** The native build of the studio tools (targets: studio-trainer), with `gpu` compiled in (for this machine) when given. */
export function studioToolsSpec(gpu?: GpuBuild): NativeBuildSpec {
  const flags = [...NO_AMX_FLAGS, ...(gpu ? THIS_MACHINE_GPU_FLAGS[gpu] ?? [] : SERVER_FLAGS)];
  return {
    variant: 'studio',
    targets: ['studio-trainer'],
    patchDir: join(REPO_ROOT, 'native', 'patches'),
    extraSourceDir: join(REPO_ROOT, 'native', 'trainer'),
    ...(gpu ? { gpu } : {}),
    cmakeFlags: flags,
  };
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

// Two processes (a test and a studio, say) must not compile into the same cache folder at once; each
// variant has its own folder, so a Vulkan build does not hold up a CPU one that is ready.
async function withBuildLock<T>(gpu: GpuBuild | undefined, work: () => Promise<T>): Promise<T> {
  const dir = nativeCacheRoot();
  await mkdir(dir, { recursive: true });
  const lock = join(dir, `studio-trainer${gpu ? `-${gpu}` : ''}.lock`);
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

/**
 * Builds (once) and returns `targets` of the studio tree: studio-trainer, llama-quantize. `onBuild` hears
 * that a build really starts (minutes), so a caller can say so instead of guessing from the time taken.
 */
export async function ensureStudioTools(
  targets: string[], log: (line: string) => void = () => undefined, gpu?: GpuBuild, onBuild?: () => void,
): Promise<Record<string, string>> {
  const spec = { ...studioToolsSpec(gpu), targets };
  const built = await builtExecutables(spec);
  if (built) return built;
  onBuild?.();
  const result = await withBuildLock(gpu, () => buildNative(spec, log));
  return result.executables;
}
