import { StudioError } from '../../../shared/contract/errors';
import type { ModelInfo } from '../../../shared/models/model-info';
import type { LlamaRuntime } from './llama-runtime';

/**
 * The loaded model, loading the default model first when none is loaded: the chat works right after a
 * restart without a separate "load" step.
 */
export async function ensureModel(runtime: LlamaRuntime, resolveDefault: () => Promise<ModelInfo | null>): Promise<ModelInfo> {
  const current = runtime.currentModel();
  if (current) return current.info;
  const info = await resolveDefault();
  if (!info) throw new StudioError('not_found', 'no model installed yet: install the demo model or import a GGUF in Models');
  await runtime.load(info);
  return info;
}
