import type { DesktopFile, SaveFileResult } from '../../shared/contract/domains/desktop';
import { PURPOSE_EXTENSIONS, type FilePurpose } from '../../shared/desktop/file-kinds';
import { studio } from '../transport/studio-client';

// One way for features to read and write user files in both shells: the desktop app's native dialogs
// (the main process reads and writes; the page never sees a path) or, in a browser, a file input
// and a download. Call these from a click handler: browsers only open pickers on a user gesture.

/** True inside the desktop app (the preload exposed `window.studio`). */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && 'studio' in window && window.studio !== undefined;
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function browserPick(purpose: FilePurpose, multiple: boolean): Promise<DesktopFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = multiple;
    input.accept = PURPOSE_EXTENSIONS[purpose].map((e) => `.${e}`).join(',');
    input.addEventListener('cancel', () => resolve([]));
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      void Promise.all(files.map(async (f) => ({ name: f.name, size: f.size, dataBase64: base64Of(new Uint8Array(await f.arrayBuffer())) }))).then(resolve);
    });
    input.click();
  });
}

/** Lets the user pick files; resolves [] when they cancel. Unreadable files carry an `error`. */
export async function pickFiles(purpose: FilePurpose, multiple = false): Promise<DesktopFile[]> {
  if (isDesktop()) return (await studio.desktop.openFiles({ purpose, multiple })).files;
  return browserPick(purpose, multiple);
}

/** Saves bytes under a suggested name: a save dialog in the desktop app, a download in a browser. */
export async function saveBytes(options: { purpose: FilePurpose; suggestedName: string; dataBase64: string; mediaType?: string }): Promise<SaveFileResult> {
  if (isDesktop()) return studio.desktop.saveFile({ purpose: options.purpose, suggestedName: options.suggestedName, dataBase64: options.dataBase64 });
  const url = URL.createObjectURL(new Blob([bytesOf(options.dataBase64)], { type: options.mediaType ?? 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = options.suggestedName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { canceled: false };
}
