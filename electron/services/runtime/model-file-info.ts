import { resolve } from 'node:path';
import type { ModelInfo } from '../../../shared/models/model-info';
import { inspectGguf } from '../models/gguf-inspect';

/**
 * A ModelInfo for a GGUF file used where it is (`studio chat --model FILE`, tests, the benchmark), read
 * and checked from its header like an installed model, without registering it in the library.
 */
export async function modelInfoForFile(path: string, id = `file:${resolve(path)}`): Promise<ModelInfo> {
  const summary = await inspectGguf(path);
  return {
    id, name: summary.name, path: resolve(path), inPlace: true, sizeBytes: summary.sizeBytes, architecture: summary.architecture,
    quantization: summary.quantization, contextLength: summary.contextLength, licence: summary.licence,
    source: 'import', addedAt: new Date(0).toISOString(), isDefault: false,
  };
}
