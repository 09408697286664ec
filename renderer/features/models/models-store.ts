import { create } from 'zustand';
import type { ModelInfo } from '../../../shared/models/model-info';
import { studio } from '../../transport/studio-client';

interface ModelsState {
  models: ModelInfo[] | null;
  busy: boolean;
  error: string | null;
  refresh: () => Promise<void>;
  installDemo: () => Promise<void>;
  setDefault: (id: string) => Promise<void>;
  load: (id: string) => Promise<void>;
}

/** Installed models; kept fresh by the services' `models.changed` event. */
export const useModels = create<ModelsState>((set) => {
  studio.on('models.changed', (models) => set({ models }));
  const guard = async (work: () => Promise<unknown>): Promise<void> => {
    set({ busy: true, error: null });
    try {
      await work();
    } catch (error) {
      set({ error: (error as Error).message });
    } finally {
      set({ busy: false });
    }
  };
  return {
    models: null,
    busy: false,
    error: null,
    refresh: async () => set({ models: await studio.models.list({}) }),
    installDemo: () =>
      guard(async () => {
        const model = await studio.models.installDemo({});
        await studio.runtime.loadModel({ id: model.id });
      }),
    setDefault: (id) => guard(() => studio.models.setDefault({ id })),
    load: (id) => guard(() => studio.runtime.loadModel({ id })),
  };
});
