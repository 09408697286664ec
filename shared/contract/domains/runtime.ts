import { z } from 'zod';
import { request } from '../define';
import type { RuntimeStatus } from '../../runtime/runtime-status';
import { serverPath } from './models';

/** What the remote server of Settings → Runtime answered when asked (bounded: at most 50 model names). */
export interface RemoteCheck {
  url: string;
  models: string[];
  /** Tokens per request as the server says, or null when it does not. */
  contextSize: number | null;
  /** llama-server's adapter files; null where the server has no adapter list. */
  adapters: string[] | null;
}

export const runtimeContract = {
  status: request<RuntimeStatus>()(z.object({}).strict()),
  /**
   * Loads a model (the default one when neither is given): an installed one by id, or a GGUF file on the
   * studio's machine (the CLI's --model FILE); resolves once it is ready.
   */
  loadModel: request<RuntimeStatus>()(
    z.object({ id: z.string().min(1).optional(), file: serverPath.optional() }).strict().refine((i) => !(i.id && i.file), 'give an id or a file, not both'),
  ),
  /** Stops a model load in progress; the model loaded before (if any) stays. */
  cancelLoad: request<RuntimeStatus>()(z.object({}).strict()),
  /** Asks the remote server of Settings → Runtime what it serves (checks its address and key). */
  checkRemote: request<RemoteCheck>()(z.object({}).strict()),
};
