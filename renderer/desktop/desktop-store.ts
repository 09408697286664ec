import i18next from 'i18next';
import { create } from 'zustand';
import type { DesktopFile } from '../../shared/contract/domains/desktop';
import { SECTIONS, useRoute } from '../app/route-store';
import { studio } from '../transport/studio-client';
import { runDesktopCommand, type CommandDeps } from './desktop-commands';
import { isDesktop, pickFiles } from './file-transfer';

// The renderer half of the desktop shell: menu commands and files handed over by the system (or
// picked from File › Import) become imports, navigation and one-line notices.

/** What the notice line shows; errors name the file. */
export interface DesktopNotice {
  kind: 'info' | 'error';
  text: string;
}

interface DesktopState {
  notices: DesktopNotice[];
  dismiss: (index: number) => void;
  notify: (kind: DesktopNotice['kind'], text: string) => void;
  /** Imports files as characters (every format the importer registry knows), one notice per outcome. */
  importFiles: (files: readonly DesktopFile[]) => Promise<void>;
  /** Pulls the files the system handed over since the last call. */
  takeOpenedFiles: () => Promise<void>;
}

const t = (key: string, values?: Record<string, string>): string => i18next.t(key, { ns: 'desktop', ...values });

export const useDesktop = create<DesktopState>((set, get) => ({
  notices: [],
  dismiss: (index) => set({ notices: get().notices.filter((_, i) => i !== index) }),
  notify: (kind, text) => set({ notices: [...get().notices.slice(-3), { kind, text }] }),
  importFiles: async (files) => {
    const imported: { id: string; name: string }[] = [];
    for (const file of files) {
      if (!file.dataBase64) {
        get().notify('error', t('importFailed', { name: file.name, error: file.error ?? '' }));
        continue;
      }
      try {
        imported.push(...(await studio.characters.import({ fileName: file.name, dataBase64: file.dataBase64 })));
      } catch (error) {
        get().notify('error', t('importFailed', { name: file.name, error: (error as Error).message }));
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
    currentCharacterId: () => (useRoute.getState().section === 'characters' ? (useRoute.getState().rest[0] ?? null) : null),
    notify: desktop.notify,
    text: (key) => t(key),
  };
}

/** Listens for menu commands and opened files; returns the unsubscribe function. */
export function connectDesktop(): () => void {
  const run = (work: () => Promise<void>): void => {
    work().catch((error: unknown) => useDesktop.getState().notify('error', (error as Error).message));
  };
  const offCommand = studio.on('desktop.command', (command) => run(() => runDesktopCommand(command, commandDeps())));
  const offOpened = studio.on('desktop.filesOpened', () => run(() => useDesktop.getState().takeOpenedFiles()));
  run(() => useDesktop.getState().takeOpenedFiles());
  return () => {
    offCommand();
    offOpened();
  };
}
