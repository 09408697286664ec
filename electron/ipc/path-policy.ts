import type { WireError } from '../../shared/contract/errors';

// "No generic file access over IPC": the contract inputs that name a path on this machine (the models'
// import and conversion, meant for `studio serve` on a GPU box) are listed here, and over Electron IPC
// each such path must have been chosen in a native dialog or lie inside the library. A unit test walks
// the whole contract so a new path-taking input cannot slip past this list.

/** Contract methods whose inputs name paths on the studio's machine, and the fields that do. */
export const SERVER_PATH_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'models.import': ['path'],
  'runtime.loadModel': ['file'],
  'chat.send': ['adapterFile'],
  'chat.regenerate': ['adapterFile'],
  'chat.continue': ['adapterFile'],
  'training.start': ['modelFile'],
  'training.estimate': ['modelFile'],
  'models.inspectCheckpoint': ['dir'],
  'models.convert': ['dir'],
  'training.exportDatasets': ['outDir'],
  'training.importPeft': ['dir'],
  'training.exportPeft': ['outDir'],
};

/** The refusal for a message whose path was not chosen by the user, or null when it may pass. */
export function pathPolicyRefusal(method: string, input: unknown, allows: (path: string) => boolean): WireError | null {
  const fields = SERVER_PATH_FIELDS[method];
  if (!fields || typeof input !== 'object' || input === null) return null;
  for (const field of fields) {
    const value = (input as Record<string, unknown>)[field];
    if (typeof value !== 'string') continue; // The contract's schema reports missing or mistyped fields.
    if (!allows(value)) {
      return {
        code: 'unauthorized',
        message: `${method}: ${field} "${value}" was not chosen in a file dialog; use Browse… to pick it`,
      };
    }
  }
  return null;
}

/** Applies the policy to a raw wire message: the reply to send instead of running it, or null. */
export function refuseMessage(message: unknown, allows: (path: string) => boolean): { t: 'result'; id: number; ok: false; error: WireError } | null {
  if (typeof message !== 'object' || message === null) return null;
  const { t, id, method, input } = message as Record<string, unknown>;
  if ((t !== 'call' && t !== 'stream') || typeof id !== 'number' || typeof method !== 'string') return null;
  const error = pathPolicyRefusal(method, input, allows);
  return error ? { t: 'result', id, ok: false, error } : null;
}
