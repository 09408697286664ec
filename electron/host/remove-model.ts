import { StudioError } from '../../shared/contract/errors';
import type { ModelInfo } from '../../shared/models/model-info';
import type { ModelsService } from '../services/models/models-service';
import type { ChatEngine } from '../services/runtime/chat-engine';
import type { LlamaRuntime } from '../services/runtime/llama-runtime';
import type { TrainingService } from '../services/training/training-service';

// Removing a model touches three services: a running training refuses it (its trainer reads the file);
// the loaded model is unloaded first, after the chat engine has finished (or saved) what it was doing
// with it, so no reply decodes on freed weights.

export async function removeModel(
  id: string, deps: { models: ModelsService; runtime: LlamaRuntime; chatEngine: ChatEngine; training: TrainingService },
): Promise<ModelInfo[]> {
  const info = await deps.models.get(id);
  if (deps.training.isTrainingOn(info.path)) {
    throw new StudioError('conflict', `${info.name} is the base model of the training running now: cancel it first`);
  }
  if (deps.runtime.currentModel()?.info.id === id) {
    await deps.chatEngine.dispose();
    await deps.runtime.unload();
  }
  return deps.models.remove(id);
}
