import { existsSync } from 'node:fs';
import { join } from 'node:path';

// A packaged desktop app cannot compile native companions on the user's machine (no cmake, no
// compiler), so `npm run dist` stages them (build/stage-native.ts) into resources/native/<folder>/
// (the variant, with `-cuda`, `-vulkan` or `-metal` for GPU builds), and the main process points STUDIO_NATIVE_BIN there.
// buildNative looks here first.

/** The folder name of a build spec's executables under STUDIO_NATIVE_BIN. */
export function prebuiltFolder(spec: { variant: string; gpu?: string }): string {
  return spec.gpu ? `${spec.variant}-${spec.gpu}` : spec.variant;
}

/** The shipped executables for `variant` when every target is present, else null. */
export function prebuiltExecutables(
  spec: { variant: string; targets: readonly string[]; gpu?: string },
  dir: string | undefined = process.env.STUDIO_NATIVE_BIN,
  platform: NodeJS.Platform = process.platform,
): { binDir: string; executables: Record<string, string> } | null {
  if (!dir) return null;
  const binDir = join(dir, prebuiltFolder(spec));
  const executables = Object.fromEntries(spec.targets.map((t) => [t, join(binDir, platform === 'win32' ? `${t}.exe` : t)]));
  return Object.values(executables).every((file) => existsSync(file)) ? { binDir, executables } : null;
}
