import { dirname, relative, resolve, sep } from 'node:path';

// The Electron main process is bundled into one file, dist-electron/main.js, but modules find their
// data with `new URL('<relative path>', import.meta.url)` written for their own place in the source
// tree (the model catalog, the native build cache, the trainer's sources). This rewrites each such
// literal so it is relative to the bundle instead and points at the same file in the app folder
// (the checkout, or app.asar once packaged). Vite leaves these URLs alone in server bundles.

const MODULE_URL = /new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/** `code` of the module at `moduleFile` with its relative module URLs re-aimed from `bundleDir`. */
export function relocateModuleUrls(code: string, moduleFile: string, bundleDir: string): string {
  return code.replace(MODULE_URL, (whole, quote: string, path: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/')) return whole;
    const target = resolve(dirname(moduleFile), path);
    let fromBundle = relative(bundleDir, target).split(sep).join('/');
    if (path.endsWith('/') && !fromBundle.endsWith('/')) fromBundle += '/';
    if (!fromBundle.startsWith('.')) fromBundle = `./${fromBundle}`;
    return `new URL(${quote}${fromBundle}${quote}, import.meta.url)`;
  });
}

/** The Vite plugin applying `relocateModuleUrls` to the project's own TypeScript sources. */
export function relocateModuleUrlsPlugin(root: string, bundleDir: string) {
  return {
    name: 'studio-relocate-module-urls',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!id.startsWith(root) || id.includes(`${sep}node_modules${sep}`) || !id.endsWith('.ts') || !code.includes('import.meta.url')) return null;
      return { code: relocateModuleUrls(code, id, bundleDir), map: null };
    },
  };
}
