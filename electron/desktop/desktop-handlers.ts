import { join } from 'node:path';
import type { StudioHandlers } from '../../shared/contract/api';
import { StudioError } from '../../shared/contract/errors';
import { PURPOSE_EXTENSIONS, type FilePurpose } from '../../shared/desktop/file-kinds';
import { writeFileAtomic } from '../services/fs/atomic-write';
import { assertFileName } from '../services/paths/confine';
import { SHELL_STRINGS, type ShellLanguage } from '../menu/shell-strings';
import type { OpenedFiles } from './opened-files';
import type { PathGrants } from './path-grants';
import { readDesktopFile } from './read-desktop-file';

// The `desktop` contract domain as the desktop app answers it. The native dialogs are injected, so
// this module (and its tests) never load Electron. The renderer never names a path here: it gets the
// bytes of files the user picked, and hands over bytes that are written where the user chose.

/** A file-type filter of a native dialog. */
export interface DialogFilter {
  name: string;
  extensions: string[];
}

/** The two native dialogs, as main.ts wraps Electron's `dialog` for the focused window. */
export interface NativeDialogs {
  /** Resolves the chosen paths, or null when the user cancelled. */
  showOpen: (options: { title: string; filters: DialogFilter[]; multiple: boolean; directory?: boolean }) => Promise<string[] | null>;
  /** Resolves the chosen path, or null when the user cancelled. */
  showSave: (options: { title: string; defaultPath: string; filters: DialogFilter[] }) => Promise<string | null>;
}

export interface DesktopDeps {
  dialogs: NativeDialogs;
  opened: OpenedFiles;
  /** Records paths chosen with `choosePath`, which the IPC path policy then lets through. */
  grants: PathGrants;
  language: () => Promise<ShellLanguage>;
  /** Folder a save dialog starts in (the last one used, else Documents). */
  defaultSaveDir: () => string;
}

/** The dialog filters for a purpose, labelled in the shell's language. */
export function dialogFilters(purpose: FilePurpose, language: ShellLanguage): DialogFilter[] {
  const s = SHELL_STRINGS[language].dialogs;
  return [
    { name: s[purpose], extensions: [...PURPOSE_EXTENSIONS[purpose]] },
    { name: s.all, extensions: ['*'] },
  ];
}

/** Handlers for the `desktop` domain backed by native dialogs. */
export function createDesktopHandlers(deps: DesktopDeps): StudioHandlers['desktop'] {
  return {
    openFiles: async ({ purpose, multiple }) => {
      const language = await deps.language();
      const paths = await deps.dialogs.showOpen({
        title: SHELL_STRINGS[language].dialogs.importTitle,
        filters: dialogFilters(purpose, language),
        multiple: multiple ?? false,
      });
      if (!paths || paths.length === 0) return { canceled: true, files: [] };
      return { canceled: false, files: await Promise.all(paths.map((p) => readDesktopFile(p))) };
    },
    saveFile: async ({ purpose, suggestedName, dataBase64 }) => {
      assertFileName(suggestedName, 'suggestedName');
      const language = await deps.language();
      const path = await deps.dialogs.showSave({
        title: SHELL_STRINGS[language].dialogs.exportTitle,
        defaultPath: join(deps.defaultSaveDir(), suggestedName),
        filters: dialogFilters(purpose, language),
      });
      if (!path) return { canceled: true };
      try {
        await writeFileAtomic(path, Buffer.from(dataBase64, 'base64'));
      } catch (error) {
        throw new StudioError('failed', `could not save ${path}: ${(error as Error).message}`);
      }
      return { canceled: false, path };
    },
    choosePath: async ({ kind }) => {
      const s = SHELL_STRINGS[await deps.language()].dialogs;
      const folder = kind !== 'model-file';
      const paths = await deps.dialogs.showOpen({
        title: kind === 'folder' ? s.folderTitle : folder ? s.checkpointTitle : s.modelTitle,
        filters: folder ? [] : [{ name: s.model, extensions: ['gguf'] }, { name: s.all, extensions: ['*'] }],
        multiple: false,
        directory: folder,
      });
      const path = paths?.[0];
      return path ? { canceled: false, path: deps.grants.grant(path) } : { canceled: true };
    },
    takeOpenedFiles: async () => deps.opened.take(),
  };
}

/** Serve mode and the CLI: there is no native dialog, and the browser has its own file picker. */
export function browserDesktopHandlers(): StudioHandlers['desktop'] {
  const refuse = async (): Promise<never> => {
    throw new StudioError('unsupported', 'native file dialogs exist only in the desktop app; the browser uses its own file picker and downloads');
  };
  return { openFiles: refuse, saveFile: refuse, choosePath: refuse, takeOpenedFiles: async () => [] };
}
