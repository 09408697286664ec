import i18next from 'i18next';
import { create } from 'zustand';
import type { DesktopFile } from '../../shared/contract/domains/desktop';
import { SECTIONS, useRoute } from '../app/route-store';
import { studio } from '../transport/studio-client';
import { runDesktopCommand, type CommandDeps } from './desktop-commands';
import { isDesktop, pickFiles, saveBytes } from './file-transfer';
import { importFile } from './import-file';
import { errorText } from '../app/error-text';

// The renderer half of the desktop shell: menu commands and files handed over by the system (or
// picked from File › Import) become imports, exports, navigation and one-line notices.

/** What the notice stack shows; errors name the file. `id` lets a progress line update in place. */
export interface DesktopNotice {
  id: number;
  kind: 'info' | 'error' | 'progress';
  text: string;
}

interface DesktopState {
  notices: DesktopNotice[];
  dismiss: (id: number) => void;
  /** Adds a notice (or replaces the one with `id`); returns its id. */
  notify: (kind: DesktopNotice['kind'], text: string, id?: number) => number;
  /** Imports files as characters (every format the studio reads), one notice per outcome. */
  importFiles: (files: readonly DesktopFile[]) => Promise<void>;
  /** Pulls the files the system handed over since the last call. */
  takeOpenedFiles: () => Promise<void>;
}

const t = (key: string, values?: Record<string, string | number>): string => i18next.t(key, { ns: 'desktop', ...values });
let nextId = 1;

export const useDesktop = create<DesktopState>((set, get) => ({
  notices: [],
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  notify: (kind, text, id) => {
    const noticeId = id ?? nextId++;
    const others = get().notices.filter((n) => n.id !== noticeId);
    set({ notices: [...others.slice(-3), { id: noticeId, kind, text }] });
    return noticeId;
  },
  importFiles: async (files) => {
    const imported: { id: string; name: string }[] = [];
    for (const file of files) {
      if (!file.dataBase64) {
        get().notify('error', t('importFailed', { name: file.name, error: file.error ?? '' }));
        continue;
      }
      const progress = get().notify('progress', t('importing', { name: file.name, percent: 0 }));
      try {
        const outcome = await importFile({ fileName: file.name, dataBase64: file.dataBase64, size: file.size }, (percent) =>
          get().notify('progress', t('importing', { name: file.name, percent }), progress),
        );
        get().dismiss(progress);
        imported.push(...outcome.imported);
        for (const failure of outcome.failed) get().notify('error', t('importFailed', { name: failure.fileName, error: failure.message }));
      } catch (error) {
        get().dismiss(progress);
        get().notify('error', t('importFailed', { name: file.name, error: errorText(error) }));
      }
    }
    if (imported.length === 0) return;
    get().notify('info', t('imported', { names: imported.map((c) => c.name).join(', ') }));
    useRoute.getState().go('characters', imported[0]!.id);
  },
  takeOpenedFiles: async () => {
    if (!isDesktop()) return;
    const files = await studio.desktop.takeOpenedFiles({});
    if (files.length > 0) await get().importFiles(files);
  },
}));

/** The actions menu commands run with, bound to the live stores. */
export function commandDeps(): CommandDeps {
  const route = useRoute.getState();
  const desktop = useDesktop.getState();
  return {
    sections: SECTIONS,
    go: (section, ...rest) => route.go(section as (typeof SECTIONS)[number], ...rest),
    newCharacter: async () => {
      const language = i18next.language.startsWith('zh') ? 'zh' : 'en';
      const created = await studio.characters.create({ template: 'blank', name: t('newCharacterName'), language });
      route.go('characters', created.id);
    },
    importCharacters: async () => desktop.importFiles(await pickFiles('character', true)),
    exportCharacter: async (id) => {
      // A V3 PNG card (with a V2 chunk): the format every character app reads.
      const card = await studio.packs.export({ id, format: 'png' });
      const saved = await saveBytes({ purpose: 'character', suggestedName: card.fileName, dataBase64: card.dataBase64, mediaType: card.mediaType });
      if (!saved.canceled && saved.path) desktop.notify('info', t('saved', { path: saved.path }));
    },
    currentCharacterId: () => (useRoute.getState().section === 'characters' ? (useRoute.getState().rest[0] ?? null) : null),
    notify: (kind, text) => void desktop.notify(kind, text),
    text: (key) => t(key),
  };
}

/** Listens for menu commands and opened files; returns the unsubscribe function. */
export function connectDesktop(): () => void {
  const run = (work: () => Promise<void>): void => {
    work().catch((error: unknown) => useDesktop.getState().notify('error', errorText(error)));
  };
  const offCommand = studio.on('desktop.command', (command) => run(() => runDesktopCommand(command, commandDeps())));
  const offOpened = studio.on('desktop.filesOpened', () => run(() => useDesktop.getState().takeOpenedFiles()));
  run(() => useDesktop.getState().takeOpenedFiles());
  return () => {
    offCommand();
    offOpened();
  };
}
