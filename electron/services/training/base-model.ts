import { resolve } from 'node:path';
import { StudioError } from '../../../shared/contract/errors';
import type { ModelInfo } from '../../../shared/models/model-info';
import { inspectGguf } from '../models/gguf-inspect';
import type { BaseModelRef } from './training-service';

// Which model a run trains on: an installed model by id, the default one, or (CLI) a GGUF file path.

/** The base of an installed model. */
export function baseFromModel(info: ModelInfo): BaseModelRef {
  return {
    name: info.name, path: info.path, architecture: info.architecture, quantization: info.quantization,
    ...(info.sha256 ? { sha256: info.sha256 } : {}),
  };
}

/** Resolves an id, else the default model; null when none is installed. */
export async function resolveBaseModel(
  models: { get(id: string): Promise<ModelInfo>; resolveDefault(): Promise<ModelInfo | null> }, modelId: string | undefined,
): Promise<BaseModelRef | null> {
  const info = modelId ? await models.get(modelId) : await models.resolveDefault();
  return info ? baseFromModel(info) : null;
}

/** The base model, required: a run needs one. */
export async function requireBaseModel(
  models: { get(id: string): Promise<ModelInfo>; resolveDefault(): Promise<ModelInfo | null> }, modelId: string | undefined,
): Promise<BaseModelRef> {
  const base = await resolveBaseModel(models, modelId);
  if (!base) throw new StudioError('not_found', 'no model installed yet: install the demo model or import a GGUF in Models');
  return base;
}

/** A GGUF file given by path (CLI), checked to be a model. */
export async function baseFromFile(path: string, installed: readonly ModelInfo[]): Promise<BaseModelRef> {
  const full = resolve(path);
  const known = installed.find((m) => resolve(m.path) === full || m.id === path);
  if (known) return baseFromModel(known);
  const summary = await inspectGguf(full);
  return { name: full.split(/[/\\]/).at(-1)!, path: full, architecture: summary.architecture, quantization: summary.quantization };
}
