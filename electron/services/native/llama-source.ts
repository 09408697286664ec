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

/** The bundled source (a git bundle) and the llama.cpp tag it holds. */
export function bundledLlamaSource(): { bundle: string; tag: string } {
  const dir = nodeLlamaCppLlamaDir();
  const info = JSON.parse(readFileSync(join(dir, 'llama.cpp.info.json'), 'utf8')) as { tag: string };
  return { bundle: join(dir, 'gitRelease.bundle'), tag: info.tag };
}
