import { BrowserWindow, dialog } from 'electron';
import { dirname } from 'node:path';
import type { NativeDialogs } from './desktop-handlers';

// Electron's dialogs behind the plain NativeDialogs interface, attached to the focused window so
// they are modal to it. Remembers the last folder used, as users expect of "Save as".

/** Native dialogs plus the folder the next save dialog should start in. */
export function electronDialogs(initialDir: string): NativeDialogs & { lastDir: () => string } {
  let lastDir = initialDir;
  const parent = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  return {
    lastDir: () => lastDir,
    showOpen: async ({ title, filters, multiple, directory }) => {
      const properties: Electron.OpenDialogOptions['properties'] = [directory ? 'openDirectory' : 'openFile', ...(multiple ? (['multiSelections'] as const) : [])];
      const options: Electron.OpenDialogOptions = { title, filters, defaultPath: lastDir, properties };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      if (result.canceled || result.filePaths.length === 0) return null;
      lastDir = dirname(result.filePaths[0]!);
      return result.filePaths;
    },
    showSave: async ({ title, defaultPath, filters }) => {
      const options: Electron.SaveDialogOptions = { title, defaultPath, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] };
      const win = parent();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      lastDir = dirname(result.filePath);
      return result.filePath;
    },
  };
}
