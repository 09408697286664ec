import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// node-llama-cpp ships the exact llama.cpp source it was built from as a git bundle. Our native
// companions (quantiser, trainer, llama-bench for comparisons) are built from that same source, so
// their GGUF handling matches the runtime byte for byte.

const require = createRequire(import.meta.url);

/** Folder of the installed node-llama-cpp package's `llama/` directory. */
export function nodeLlamaCppLlamaDir(): string {
  return join(dirname(require.resolve('node-llama-cpp/package.json')), 'llama');
}

/** The bundled source (a git bundle) and the llama.cpp tag it holds. */
export function bundledLlamaSource(): { bundle: string; tag: string } {
  const dir = nodeLlamaCppLlamaDir();
  const info = require(join(dir, 'llama.cpp.info.json')) as { tag: string };
  return { bundle: join(dir, 'gitRelease.bundle'), tag: info.tag };
}
