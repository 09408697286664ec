import { create } from 'zustand';
import type { CharacterSummary } from '../../../shared/character/character-summary';
import type { Omission } from '../../../shared/cards/export-omissions';
import type { PackExportFormat, PackImported } from '../../../shared/contract/domains/packs';
import { studio } from '../../transport/studio-client';
import { downloadBase64 } from './download';
import { importInput } from './upload-file';
import { errorText } from '../../app/error-text';
import { useCharacters } from '../characters/characters-store';

// Import (several files, one request each so the progress bar moves), export as a browser download,
// and library backup/restore. Results stay on screen until the next action.

/** The largest file the studio takes (packs with adapters, backups); bigger ones go through the CLI. */
export const MAX_IMPORT_FILE_BYTES = 1024 * 1024 * 1024;

/** A file that could not come in, with the service's message naming the problem. */
export interface ImportFailure {
  fileName: string;
  message: string;
  /** Set when the file was not sent because it is over MAX_IMPORT_FILE_BYTES. */
  tooLargeBytes?: number;
}

/** The last user-visible outcome of an export or backup. */
export type Notice =
  | { kind: 'exported'; fileName: string; format: PackExportFormat; leftOut: string[]; omitted: Omission[]; warnings: string[] }
  | { kind: 'backup'; fileName: string; count: number }
  | { kind: 'restored'; names: string[] }
  | { kind: 'error'; message: string };

interface PacksState {
  /** The file being imported (1-based `done` of `total`) and how much of it has been sent. */
  progress: { done: number; total: number; file: string; sent: number } | null;
  imported: PackImported[];
  failed: ImportFailure[];
  busy: string | null;
  notice: Notice | null;
  importFiles: (files: File[]) => Promise<void>;
  exportCharacter: (character: CharacterSummary, format: PackExportFormat) => Promise<void>;
  backup: () => Promise<void>;
  restore: (file: File) => Promise<void>;
}

/** The packs page's state (the characters to export are the characters store's). */
export const usePacks = create<PacksState>((set) => {
  const guard = async (label: string, work: () => Promise<Notice>) => {
    set({ busy: label, notice: null });
    try {
      set({ notice: await work() });
    } catch (error) {
      set({ notice: { kind: 'error', message: errorText(error) } });
    } finally {
      set({ busy: null });
    }
  };
  return {
    progress: null,
    imported: [],
    failed: [],
    busy: null,
    notice: null,
    importFiles: async (files) => {
      set({ imported: [], failed: [], notice: null });
      for (const [index, file] of files.entries()) {
        set({ progress: { done: index + 1, total: files.length, file: file.name, sent: 0 } });
        if (file.size > MAX_IMPORT_FILE_BYTES) {
          set((s) => ({ failed: [...s.failed, { fileName: file.name, message: '', tooLargeBytes: file.size }] }));
          continue;
        }
        try {
          const onProgress = (sent: number) => set((s) => ({ progress: s.progress && { ...s.progress, sent } }));
          const input = await importInput(file, onProgress);
          const result = await studio.packs.import({ files: [input] });
          set((s) => ({ imported: [...s.imported, ...result.imported], failed: [...s.failed, ...result.failed] }));
        } catch (error) {
          set((s) => ({ failed: [...s.failed, { fileName: file.name, message: errorText(error) }] }));
        }
      }
      set({ progress: null });
      await useCharacters.getState().refresh();
    },
    exportCharacter: (character, format) =>
      guard(character.name, async () => {
        const result = await studio.packs.export({ id: character.id, format });
        downloadBase64(result.dataBase64, result.fileName, result.mediaType);
        return { kind: 'exported', fileName: result.fileName, format, leftOut: result.leftOut, omitted: result.omitted, warnings: result.warnings };
      }),
    backup: () =>
      guard('backup', async () => {
        const result = await studio.packs.backup({});
        downloadBase64(result.dataBase64, result.fileName, 'application/zip');
        return { kind: 'backup', fileName: result.fileName, count: result.characters };
      }),
    restore: (file) =>
      guard('restore', async () => {
        const input = await importInput(file);
        const restored = await studio.packs.restore(input);
        return { kind: 'restored', names: restored.map((c) => c.name) };
      }),
  };
});
