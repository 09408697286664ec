import { z } from 'zod';
import { request } from '../define';
import type { ModelInfo } from '../../models/model-info';

const modelId = z.string().min(1).max(200);

export const modelsContract = {
  list: request<ModelInfo[]>()(z.object({}).strict()),
  /** Writes the tiny demo model into the models folder (idempotent) and makes it the default if none. */
  installDemo: request<ModelInfo>()(z.object({}).strict()),
  setDefault: request<ModelInfo>()(z.object({ id: modelId }).strict()),
};
