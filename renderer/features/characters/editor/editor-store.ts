import { create } from 'zustand';
import type { Character } from '../../../../shared/character/character-schema';
import { blocksSave, fieldProblems, type FieldProblems } from '../../../../shared/character/validate-character';
import { studio } from '../../../transport/studio-client';
import { blobToBase64 } from '../file-bytes';
import { setAt, type FieldPath } from './draft-path';
import { emptyHistory, record, redo, undo, type EditHistory } from './edit-history';
import { StudioError } from '../../../../shared/contract/errors';
import { errorText } from '../../../app/error-text';

// The open character: its draft, undo history, validation and autosave. Saves are debounced, never
// overlap, and carry the revision they were made against; the service refuses a stale one.

/** Long enough to batch a burst of typing into one write, short enough that a crash loses little. */
export const AUTOSAVE_DELAY_MS = 700;

/** What the save indicator shows; `invalid` and `conflict` wait for the writer, the rest resolve themselves. */
export type SaveState = 'saved' | 'saving' | 'unsaved' | 'invalid' | 'error' | 'conflict';

interface EditorState {
  id: string | null;
  draft: Character | null;
  loadError: string | null;
  history: EditHistory<Character>;
  problems: FieldProblems;
  saveState: SaveState;
  saveError: string | null;
  avatarError: string | null;
  /** Bumped when the avatar image changes, so views reload it even under the same file name. */
  avatarStamp: number;
  /** Bumped on every edit, so a save knows whether the draft moved on while it was in flight. */
  editSeq: number;
  open: (id: string) => Promise<void>;
  close: () => Promise<void>;
  update: (path: FieldPath, value: unknown) => void;
  replace: (draft: Character, key: string) => void;
  undo: () => void;
  redo: () => void;
  flush: () => Promise<void>;
  reload: () => Promise<void>;
  setAvatar: (file: Blob, fileName: string) => Promise<void>;
  removeAvatar: () => Promise<void>;
  setAvatarError: (message: string | null) => void;
}

/** Fields the services own: an undo restores the writer's text, never an old revision or avatar. */
const withServerFields = (content: Character, current: Character): Character => ({
  ...content,
  revision: current.revision,
  modifiedAt: current.modifiedAt,
  createdAt: current.createdAt,
  avatar: current.avatar,
});

/** The one open character; the editor components and the registered actions all act through it. */
export const useEditor = create<EditorState>((set, get) => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void persist(), AUTOSAVE_DELAY_MS);
  };

  const changed = (draft: Character): void => {
    const problems = fieldProblems(draft);
    set({ draft, problems, editSeq: get().editSeq + 1, saveState: blocksSave(problems) ? 'invalid' : 'unsaved', saveError: null });
    schedule();
  };

  const persist = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    while (inFlight) await inFlight;
    const { draft, editSeq, saveState } = get();
    if (!draft || saveState === 'saved' || saveState === 'conflict') return;
    if (blocksSave(get().problems)) return set({ saveState: 'invalid' });
    set({ saveState: 'saving' });
    inFlight = (async () => {
      try {
        const saved = await studio.characters.save({ character: draft });
        const now = get();
        if (now.draft?.id !== saved.id) return;
        const moved = now.editSeq !== editSeq;
        set({ draft: { ...now.draft, revision: saved.revision, modifiedAt: saved.modifiedAt }, saveState: moved ? now.saveState : 'saved' });
        if (moved) schedule();
      } catch (error) {
        // A revision conflict is the one `conflict` a save can meet (the service checks revisions only).
        set({ saveState: error instanceof StudioError && error.code === 'conflict' ? 'conflict' : 'error', saveError: errorText(error) });
      } finally {
        inFlight = null;
      }
    })();
    await inFlight;
  };

  const load = async (id: string): Promise<void> => {
    try {
      const draft = await studio.characters.get({ id });
      if (get().id !== id) return;
      set({ draft, loadError: null, history: emptyHistory(), problems: fieldProblems(draft), saveState: 'saved', saveError: null });
    } catch (error) {
      if (get().id === id) set({ draft: null, loadError: errorText(error) });
    }
  };

  // Another window, the CLI or an import changed the open character: take the newer version when
  // nothing here is unsaved; otherwise the next save reports the conflict.
  studio.on('characters.changed', (change) => {
    const { id, draft, saveState } = get();
    if (!id || !change.ids.includes(id)) return;
    if (change.kind === 'deleted') return set({ id: null, draft: null });
    if (saveState !== 'saved' || !draft) return;
    void studio.characters.get({ id }).then((fresh) => {
      const now = get();
      if (now.id === id && now.saveState === 'saved' && now.draft && fresh.revision > now.draft.revision) {
        set({ draft: fresh, history: emptyHistory(), problems: fieldProblems(fresh) });
      }
    }, () => undefined);
  });

  // Leaving the page: send what is pending (the socket delivers it before the page goes).
  window.addEventListener('pagehide', () => void persist());

  return {
    id: null,
    draft: null,
    loadError: null,
    history: emptyHistory(),
    problems: {},
    saveState: 'saved',
    saveError: null,
    avatarError: null,
    avatarStamp: 0,
    editSeq: 0,
    open: async (id) => {
      if (get().id === id) return;
      await persist();
      set({ id, draft: null, loadError: null, avatarError: null, history: emptyHistory() });
      await load(id);
    },
    close: async () => {
      await persist();
      set({ id: null, draft: null, history: emptyHistory() });
    },
    update: (path, value) => {
      const { draft, history } = get();
      if (!draft) return;
      set({ history: record(history, draft, path.join('.'), Date.now()) });
      changed(setAt(draft, path, value));
    },
    replace: (next, key) => {
      const { draft, history } = get();
      if (!draft) return;
      set({ history: record(history, draft, key, Date.now()) });
      changed(next);
    },
    undo: () => {
      const { draft, history } = get();
      const step = draft && undo(history, draft);
      if (!step || !draft) return;
      set({ history: step.history });
      changed(withServerFields(step.state, draft));
    },
    redo: () => {
      const { draft, history } = get();
      const step = draft && redo(history, draft);
      if (!step || !draft) return;
      set({ history: step.history });
      changed(withServerFields(step.state, draft));
    },
    flush: persist,
    reload: async () => {
      const { id } = get();
      if (id) await load(id);
    },
    setAvatar: async (file, fileName) => {
      const { id } = get();
      if (!id) return;
      try {
        await persist();
        const saved = await studio.characters.setAvatar({ id, fileName, dataBase64: await blobToBase64(file) });
        const draft = get().draft;
        if (draft && get().id === id) {
          set({ draft: { ...draft, avatar: saved.avatar, revision: saved.revision, modifiedAt: saved.modifiedAt }, avatarError: null, avatarStamp: get().avatarStamp + 1 });
        }
      } catch (error) {
        set({ avatarError: errorText(error) });
      }
    },
    removeAvatar: async () => {
      const { id } = get();
      if (!id) return;
      await persist();
      const saved = await studio.characters.removeAvatar({ id });
      const draft = get().draft;
      if (draft && get().id === id) set({ draft: { ...draft, avatar: null, revision: saved.revision, modifiedAt: saved.modifiedAt }, avatarError: null });
    },
    setAvatarError: (avatarError) => set({ avatarError }),
  };
});
