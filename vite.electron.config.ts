import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { relocateModuleUrlsPlugin } from './build/relocate-module-urls.ts';
import pkg from './package.json' with { type: 'json' };

// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, which sandboxed preloads
// require) into dist-electron/. Dependencies stay external: node-llama-cpp ships native binaries that
// must be loaded from node_modules (unpacked from asar when packaged).

const external = ['electron', ...Object.keys(pkg.dependencies), ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const target = process.env.ELECTRON_ENTRY ?? 'main';

const root = resolve(import.meta.dirname);

export default defineConfig({
  publicDir: false,
  // Modules find their data relative to their own source file; re-aim those paths from the bundle.
  plugins: [relocateModuleUrlsPlugin(root, resolve(root, 'dist-electron'))],
  build: {
    outDir: 'dist-electron',
    emptyOutDir: false,
    target: 'node20',
    ssr: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: target === 'preload' ? 'electron/preload.ts' : 'electron/main.ts',
      external: target === 'preload' ? ['electron'] : external,
      output:
        target === 'preload'
          ? { format: 'cjs', entryFileNames: 'preload.cjs' }
          : { format: 'es', entryFileNames: 'main.js' },
    },
  },
  ssr: target === 'preload' ? { noExternal: true } : {},
});
