import { join } from 'node:path';
import type { ModelInfo } from '../../../shared/models/model-info';
import { writeTinyModel } from '../models/demo-model';
import { LlamaRuntime } from './llama-runtime';
import { modelInfoForFile } from './model-file-info';

/** Test threads: fixed, because greedy output of random tiny models depends on the thread count. */
export const TEST_THREADS = 2;

/** A ModelInfo for a GGUF on disk, as the registry would describe it. */
export function modelInfoFor(path: string, id = 'test-model'): Promise<ModelInfo> {
  return modelInfoForFile(path, id);
}

/** A CPU runtime with the tiny demo model written into `dir` and loaded. */
export async function tinyRuntime(dir: string, seed?: number): Promise<{ runtime: LlamaRuntime; modelPath: string }> {
  const modelPath = join(dir, `tiny-${seed ?? 'default'}.gguf`);
  await writeTinyModel(modelPath, seed);
  const runtime = new LlamaRuntime(async () => ({ gpu: 'off', threads: TEST_THREADS }));
  await runtime.load(await modelInfoFor(modelPath));
  return { runtime, modelPath };
}
