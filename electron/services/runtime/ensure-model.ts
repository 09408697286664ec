import { StudioError } from '../../../shared/contract/errors';
import type { ModelInfo } from '../../../shared/models/model-info';
import type { LlamaRuntime } from './llama-runtime';

/**
 * What replies are computed with: the model loaded here, or a remote server, whose model the studio cannot
 * inspect (adapters are then matched by name on the server, not checked against its weights).
 */
export type ChatModel = { kind: 'local'; info: ModelInfo } | { kind: 'remote'; url: string };

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
