import { z } from 'zod';
import { request } from '../define';
import { MAX_DESKTOP_FILE_BYTES } from '../../desktop/file-kinds';

// Native file dialogs and files handed over by the operating system. Only the desktop app answers
// these (serve mode refuses them: the browser uses <input type=file> and downloads). Paths never cross
// the contract: the main process reads or writes the file the user picked and passes bytes (base64,
// so both transports carry them the same way).

/** A file the user picked or the system handed over, read by the main process. */
export interface DesktopFile {
  /** The file's base name, e.g. `Seraphina.png`. */
  name: string;
  size: number;
  /** The bytes as base64; absent when `error` says why the file could not be read. */
  dataBase64?: string;
  error?: string;
}

/** The answer of an open dialog; `canceled` when the user closed it. */
export interface OpenFilesResult {
  canceled: boolean;
  files: DesktopFile[];
}

/** The answer of a save dialog: where it was saved (for the "saved to …" notice), unless canceled. */
export interface SaveFileResult {
  canceled: boolean;
  path?: string;
}

/** The answer of a choose dialog: a path on this machine, usable with the models' path inputs. */
export interface ChoosePathResult {
  canceled: boolean;
  path?: string;
}

/** Menu commands the main process forwards to the UI (the UI owns navigation and the current character). */
export type DesktopCommand =
  | { command: 'navigate'; section: string }
  | { command: 'new-character' }
  | { command: 'import-character' }
  | { command: 'export-character' };

const purpose = z.enum(['character', 'pack']);
const base64 = z
  .string()
  .max(Math.ceil(MAX_DESKTOP_FILE_BYTES / 3) * 4, `is larger than ${MAX_DESKTOP_FILE_BYTES / 1024 / 1024} MiB`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64');

export const desktopContract = {
  /** Shows the system's open dialog and returns the chosen files' bytes. */
  openFiles: request<OpenFilesResult>()(z.object({ purpose, multiple: z.boolean().optional() }).strict()),
  /** Shows the system's save dialog and writes the bytes atomically where the user chose. */
  saveFile: request<SaveFileResult>()(
    z.object({ purpose, suggestedName: z.string().min(1).max(255), dataBase64: base64 }).strict(),
  ),
  /**
   * Picks a model file or a checkpoint folder with the system's dialog. Inside the desktop app, the
   * path inputs of `models.*` accept only paths chosen here (or inside the library).
   */
  choosePath: request<ChoosePathResult>()(z.object({ kind: z.enum(['model-file', 'checkpoint-folder', 'folder']) }).strict()),
  /** Files the system asked the app to open (double-click, "Open with", second launch), each once. */
  takeOpenedFiles: request<DesktopFile[]>()(z.object({}).strict()),
};
