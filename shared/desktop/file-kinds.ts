// Which files the desktop app opens and saves, in one place: the native dialogs' filters, the
// operating system's "open with" handling and the packaging's file associations all read this list.

/** What a file is picked for; decides the dialog's filter. */
export type FilePurpose = 'character' | 'pack';

/** Extensions (lower case, no dot) a purpose accepts, first one preferred. */
export const PURPOSE_EXTENSIONS: Record<FilePurpose, readonly string[]> = {
  character: ['png', 'charx', 'json'],
  pack: ['charx'],
};

/** Files the studio accepts from the operating system (double-click, "Open with", drag on the icon). */
export const OPENABLE_EXTENSIONS: readonly string[] = ['png', 'charx', 'json'];

/** Largest file handed to the UI in one piece (bytes); packs with a 6B LoRA adapter are ~60 MB. */
export const MAX_DESKTOP_FILE_BYTES = 256 * 1024 * 1024;

/** The lower-case extension of a file name, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** True when the operating system may hand this file to the studio. */
export function isOpenableFile(name: string): boolean {
  return OPENABLE_EXTENSIONS.includes(extensionOf(name));
}
