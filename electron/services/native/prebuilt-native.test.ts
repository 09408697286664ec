import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp-dir';
import { buildNative } from './native-build';
import { prebuiltExecutables } from './prebuilt-native';

const tempDir = useTempDir('studio-prebuilt-');
const saved = process.env.STUDIO_NATIVE_BIN;
afterEach(() => {
  if (saved === undefined) delete process.env.STUDIO_NATIVE_BIN;
  else process.env.STUDIO_NATIVE_BIN = saved;
});

async function stage(dir: string, folder: string, names: string[]): Promise<void> {
  await mkdir(join(dir, folder), { recursive: true });
  for (const name of names) {
    await writeFile(join(dir, folder, name), '#!/bin/sh\n');
    await chmod(join(dir, folder, name), 0o755);
  }
}

describe('prebuilt native companions (packaged app)', () => {
  it('finds staged executables only when every target is there', async () => {
    const dir = await tempDir();
    await stage(dir, 'stock', ['llama-quantize']);
    expect(prebuiltExecutables({ variant: 'stock', targets: ['llama-quantize'] }, dir)).toEqual({
      binDir: join(dir, 'stock'),
      executables: { 'llama-quantize': join(dir, 'stock', 'llama-quantize') },
    });
    expect(prebuiltExecutables({ variant: 'stock', targets: ['llama-quantize', 'llama-bench'] }, dir)).toBeNull();
    expect(prebuiltExecutables({ variant: 'stock', targets: ['llama-quantize'], gpu: 'cuda' }, dir)).toBeNull();
    expect(prebuiltExecutables({ variant: 'stock', targets: ['llama-quantize'] }, undefined)).toBeNull();
  });

  it('names Windows executables with .exe and keeps CUDA builds apart', async () => {
    const dir = await tempDir();
    await stage(dir, 'studio-cuda', ['studio-train.exe']);
    expect(prebuiltExecutables({ variant: 'studio', targets: ['studio-train'], gpu: 'cuda' }, dir, 'win32')?.executables).toEqual({
      'studio-train': join(dir, 'studio-cuda', 'studio-train.exe'),
    });
  });

  it('makes buildNative use them instead of compiling', async () => {
    const dir = await tempDir();
    await stage(dir, 'stock', ['llama-quantize']);
    process.env.STUDIO_NATIVE_BIN = dir;
    await expect(buildNative({ variant: 'stock', targets: ['llama-quantize'] })).resolves.toEqual({
      binDir: join(dir, 'stock'),
      executables: { 'llama-quantize': join(dir, 'stock', 'llama-quantize') },
      cached: true,
    });
  });
});
