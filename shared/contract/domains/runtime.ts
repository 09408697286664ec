import { z } from 'zod';
import { request } from '../define';
import type { RuntimeStatus } from '../../runtime/runtime-status';

export const runtimeContract = {
  status: request<RuntimeStatus>()(z.object({}).strict()),
  /** Loads a model (the default one when no id is given); resolves once it is ready. */
  loadModel: request<RuntimeStatus>()(z.object({ id: z.string().min(1).optional() }).strict()),
  /** Stops a model load in progress; the model loaded before (if any) stays. */
  cancelLoad: request<RuntimeStatus>()(z.object({}).strict()),
};
