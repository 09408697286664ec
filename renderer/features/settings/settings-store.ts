import { create } from 'zustand';
import type { Settings } from '../../../shared/settings/settings';
import { studio } from '../../transport/studio-client';

interface SettingsState {
  settings: Settings | null;
  load: () => Promise<Settings>;
  update: (patch: Partial<Settings>) => Promise<void>;
}

/** Studio settings, shared with every other window through the `settings.changed` event. */
export const useSettings = create<SettingsState>((set) => {
  studio.on('settings.changed', (settings) => set({ settings }));
  return {
    settings: null,
    load: async () => {
      const settings = await studio.settings.get({});
      set({ settings });
      return settings;
    },
    update: async (patch) => set({ settings: await studio.settings.update(patch) }),
  };
});
