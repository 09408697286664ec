import { create } from 'zustand';
import type { TrashEntry } from '../../../shared/character/library-types';
import type { ExampleInfo, ImportFormat } from '../../../shared/contract/domains/characters';
import { useRoute } from '../../app/route-store';
import { studio } from '../../transport/studio-client';
import { importInput } from '../packs/upload-file';
import { errorText } from '../../app/error-text';
import { useCharacters } from './characters-store';

/** A one-line message above the list: what just happened, with an undo for deletes. */
export type LibraryNotice =
  | { kind: 'deleted'; name: string; trashId: string }
  | { kind: 'imported'; names: string; warnings: string[] }
  | { kind: 'error'; text: string };

interface LibraryState {
  trash: TrashEntry[];
  examples: ExampleInfo[];
  formats: ImportFormat[];
  search: string;
  tag: string | null;
  sort: 'modified' | 'name';
  showTrash: boolean;
  notice: LibraryNotice | null;
  /** The file being imported and the fraction of it sent so far (1 while the studio reads it). */
  importing: { file: string; sent: number } | null;
  refresh: () => Promise<void>;
  set: (patch: Partial<Pick<LibraryState, 'search' | 'tag' | 'sort' | 'showTrash' | 'notice'>>) => void;
  /** A blank character; its profile language is Chinese (the model's) whatever the UI language is. */
  createBlank: (name: string) => Promise<void>;
  createFromExample: (exampleId: string) => Promise<void>;
  duplicate: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  restore: (trashId: string) => Promise<void>;
  purge: (trashId: string) => Promise<void>;
  importFile: (file: File) => Promise<void>;
}

const open = (id: string): void => useRoute.getState().go('characters', id);

/**
 * The library view's state around the character list (which is the characters store's): the trash, the
 * examples and import formats, the list's filters and notices; the trash follows `characters.changed`.
 */
export const useLibrary = create<LibraryState>((set, get) => {
  studio.on('characters.changed', () => void studio.characters.trash({}).then((trash) => set({ trash }), () => undefined));
  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      set({ notice: { kind: 'error', text: errorText(error) } });
    }
  };
  return {
    trash: [],
    examples: [],
    formats: [],
    search: '',
    tag: null,
    sort: 'modified',
    showTrash: false,
    notice: null,
    importing: null,
    refresh: async () => {
      const [, trash] = await Promise.all([useCharacters.getState().refresh(), studio.characters.trash({})]);
      set({ trash });
      if (get().examples.length === 0) {
        const [examples, formats] = await Promise.all([studio.characters.examples({}), studio.characters.importFormats({})]);
        set({ examples, formats });
      }
    },
    set: (patch) => set(patch),
    createBlank: (name) => guard(async () => open((await studio.characters.create({ template: 'blank', name })).id)),
    createFromExample: (exampleId) => guard(async () => open((await studio.characters.create({ template: 'example', exampleId })).id)),
    duplicate: (id) => guard(async () => open((await studio.characters.duplicate({ id })).id)),
    remove: (id) =>
      guard(async () => {
        const entry = await studio.characters.delete({ id });
        set({ notice: { kind: 'deleted', name: entry.name, trashId: entry.trashId } });
        if (useRoute.getState().rest[0] === id) useRoute.getState().go('characters');
      }),
    restore: (trashId) =>
      guard(async () => {
        const restored = await studio.characters.restore({ trashId });
        set({ notice: null, showTrash: false });
        open(restored.id);
      }),
    purge: (trashId) => guard(() => studio.characters.purge({ trashId })),
    importFile: (file) =>
      guard(async () => {
        // A large file (a pack with adapters) goes up in pieces, far under the socket's message limit.
        set({ importing: { file: file.name, sent: 0 }, notice: null });
        try {
          const onProgress = (sent: number) => set({ importing: { file: file.name, sent } });
          const input = await importInput(file, onProgress);
          set({ importing: { file: file.name, sent: 1 } });
          const { characters, warnings } = await studio.characters.import(input);
          set({ notice: { kind: 'imported', names: characters.map((c) => c.name).join(', '), warnings } });
          if (characters[0]) open(characters[0].id);
        } finally {
          set({ importing: null });
        }
      }),
  };
});
