import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buildNative } from '../electron/services/native/native-build';
import { prebuiltFolder } from '../electron/services/native/prebuilt-native';
import { STAGED_NATIVE_DIR, withCuda } from './electron-builder.config';
import { NATIVE_COMPANIONS } from './native-companions';

// `npx tsx build/stage-native.ts` (run by `npm run dist`): builds the native companions for this
// machine's platform (cached in the user cache folder, see native-build.ts) and copies them where electron-builder picks them
// up as resources/native/<variant>/. With STUDIO_CUDA=1 the companions are built with CUDA as well.

/** electron-builder's `${os}` name for a Node platform. */
export function builderOs(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : platform;
}

const target = join(STAGED_NATIVE_DIR, `${builderOs(process.platform)}-${process.arch}`);
await rm(target, { recursive: true, force: true });
const staged: Record<string, string[]> = {};
// Shipped binaries must run on any CPU of the platform, not only on the one that built them.
const portable = NATIVE_COMPANIONS.map((s) => ({ ...s, cmakeFlags: [...(s.cmakeFlags ?? []), '-DGGML_NATIVE=OFF'] }));
for (const spec of portable.flatMap((s) => (withCuda ? [s, { ...s, gpu: 'cuda' as const }] : [s]))) {
  process.stderr.write(`building ${spec.targets.join(', ')} (${prebuiltFolder(spec)})…\n`);
  const built = await buildNative(spec, (line) => process.stderr.write(`  ${line}\n`));
  const folder = join(target, prebuiltFolder(spec));
  await mkdir(folder, { recursive: true });
  for (const file of Object.values(built.executables)) await copyFile(file, join(folder, basename(file)));
  staged[prebuiltFolder(spec)] = Object.values(built.executables).map((f) => basename(f));
}
await writeFile(join(target, 'manifest.json'), `${JSON.stringify({ platform: process.platform, arch: process.arch, staged }, null, 2)}\n`);
process.stdout.write(`staged native companions in ${target}\n`);
