import { StudioError } from '../../shared/contract/errors';
import type { HubGetInput } from '../../shared/contract/domains/models';
import type { ModelInfo } from '../../shared/models/model-info';
import type { ModelJobPacket } from '../../shared/models/model-job';
import type { UrlGuard } from '../services/models/download/address-guard';
import type { ModelsService } from '../services/models/models-service';
import type { LlamaRuntime } from '../services/runtime/llama-runtime';

// A get from the hub ends with the model loaded, which takes two services: the Models domain gets and
// registers it, the runtime loads it. A load that fails or is cancelled leaves the model installed (it
// is whole and registered) and says so: a setting such as the GPU layers may be all it needs.

export async function getAndLoadModel(
  input: HubGetInput,
  deps: { models: ModelsService; runtime: LlamaRuntime },
  emit: (packet: ModelJobPacket) => void,
  signal?: AbortSignal,
  checkUrl?: UrlGuard,
): Promise<ModelInfo> {
  const info = await deps.models.getFromHub(input, emit, signal, checkUrl);
  emit({ type: 'progress', phase: 'load', done: 0, total: 1, detail: info.name });
  const cancelLoad = (): void => deps.runtime.cancelLoad();
  signal?.addEventListener('abort', cancelLoad, { once: true });
  try {
    await deps.runtime.load(info);
  } catch (error) {
    const code = signal?.aborted ? 'cancelled' : error instanceof StudioError ? error.code : 'failed';
    throw new StudioError(code, `${info.name} is installed, but loading it ${signal?.aborted ? 'was cancelled' : `failed: ${(error as Error).message}`}; load it from Models`);
  } finally {
    signal?.removeEventListener('abort', cancelLoad);
  }
  emit({ type: 'progress', phase: 'load', done: 1, total: 1, detail: info.name });
  return deps.models.get(info.id);
}
