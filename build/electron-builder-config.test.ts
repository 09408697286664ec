import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
import { iconPngBytes } from './icons/draw-icon';
import { config, SHIPPED_BINARY_SUFFIXES } from './electron-builder.config';

// electron-builder's own schema check (the one `electron-builder` runs before packaging), loaded from
// app-builder-lib, which electron-builder depends on.
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: Configuration, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new () => unknown };

// The validator coerces values in place, so it gets a copy.
const validate = (c: Configuration): Promise<void> => validateConfiguration(structuredClone(c), new DebugLogger());
const targets = (platform: 'linux' | 'win' | 'mac'): string[] =>
  ((config[platform]?.target ?? []) as { target: string }[]).map((t) => t.target);

describe('electron-builder configuration', () => {
  it("passes electron-builder's schema", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is really checked: a broken configuration is refused', async () => {
    await expect(validate({ ...config, nsis: { ...config.nsis, oneClick: 'sometimes' } } as unknown as Configuration)).rejects.toThrow(/nsis.oneClick/);
    await expect(validate({ ...config, asarUnpak: ['x'] } as unknown as Configuration)).rejects.toThrow(/asarUnpak/);
  });

  it('builds AppImage and deb, NSIS, and dmg', () => {
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(config.publish).toBeNull();
  });

  it("unpacks node-llama-cpp's binaries from the asar and ships only the target platform's", () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/@node-llama-cpp/**/*', 'node_modules/node-llama-cpp/bins/**/*']));
    const files = config.files as string[];
    const excludeAll = files.indexOf('!node_modules/@node-llama-cpp/**/*');
    expect(excludeAll).toBeGreaterThan(-1);
    const included = files.filter((f) => f.startsWith('node_modules/@node-llama-cpp/'));
    // Each include comes after the blanket exclusion (later patterns win) and is scoped to ${os}-${arch}.
    for (const pattern of included) {
      expect(files.indexOf(pattern)).toBeGreaterThan(excludeAll);
      expect(pattern).toMatch(/^node_modules\/@node-llama-cpp\/\$\{os\}-\$\{arch\}(-[a-z-]+)?\/\*\*\/\*$/);
    }
    expect(SHIPPED_BINARY_SUFFIXES).toEqual(process.env.STUDIO_CUDA === '1' ? ['', '-metal', '-vulkan', '-cuda', '-cuda-ext'] : ['', '-metal', '-vulkan']);
    expect(files).toContain('!node_modules/node-llama-cpp/llama/gitRelease.bundle');
  });

  it('ships the built app and the staged native companions outside the asar', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**/*', 'dist-electron/**/*', 'package.json', 'models/catalog.json']));
    expect(config.extraResources).toEqual([{ from: '.cache/packaging/native/${os}-${arch}', to: 'native', filter: ['**/*'] }]);
    expect(config.npmRebuild).toBe(false);
  });

  it("never deletes the user's library on uninstall", () => {
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
    expect(config.nsis?.oneClick).toBe(false);
  });

  it('opens CHARX files, and PNG cards only as an alternative viewer', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'charx' })]);
    expect(config.mac?.fileAssociations).toEqual(expect.arrayContaining([expect.objectContaining({ ext: 'png', rank: 'Alternate' })]));
  });

  it('has an app icon that electron-builder can turn into .ico and .icns, drawn by the code in the repository', async () => {
    const bytes = await readFile(new URL('./icons/icon.png', import.meta.url));
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([1024, 1024]);
    expect(config.icon).toBe('build/icons/icon.png');
    // The committed file is exactly what build/icons/generate-icon.ts draws.
    expect(Buffer.compare(bytes, iconPngBytes(1024))).toBe(0);
  });
});
