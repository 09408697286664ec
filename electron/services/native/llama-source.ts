import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// node-llama-cpp ships the exact llama.cpp source it was built from as a git bundle. Our native
// companions (quantiser, trainer, llama-bench for comparisons) are built from that same source, so
// their GGUF handling matches the runtime byte for byte.

/** Folder of the installed node-llama-cpp package's `llama/` directory; `STUDIO_LLAMA_DIR` names a copy of it
 * (bench/gpu-check.sh carries only its source bundle to a machine without node_modules). */
export function nodeLlamaCppLlamaDir(): string {
  if (process.env.STUDIO_LLAMA_DIR) return process.env.STUDIO_LLAMA_DIR;
  // The package exports only its entry (dist/index.js); its root is two levels above.
  const entry = fileURLToPath(import.meta.resolve('node-llama-cpp'));
  return join(dirname(dirname(entry)), 'llama');
}

/** The bundled source and the llama.cpp tag it holds: node-llama-cpp's git bundle, or, where bench/gpu-check.sh
 * carried the source to a machine without node_modules, a trimmed tree of the same tag as a tar.gz (a quarter of
 * the bundle's 35 MB: the device's carry limit is 64 MiB). */
export function bundledLlamaSource(): { bundle: string; archive: string; tag: string } {
  const dir = nodeLlamaCppLlamaDir();
  const info = JSON.parse(readFileSync(join(dir, 'llama.cpp.info.json'), 'utf8')) as { tag: string };
  return { bundle: join(dir, 'gitRelease.bundle'), archive: join(dir, 'source.tar.gz'), tag: info.tag };
}
