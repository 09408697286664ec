import { create } from 'zustand';
import type { CatalogView, CheckpointSummary } from '../../../shared/contract/domains/models';
import type { ModelInfo } from '../../../shared/models/model-info';
import type { ModelJobPacket } from '../../../shared/models/model-job';
import { studio } from '../../transport/studio-client';

/** The one long job the Models view runs at a time (import, download or conversion). */
export interface ModelJob {
  kind: 'import' | 'download' | 'convert';
  label: string;
  progress: Extract<ModelJobPacket, { type: 'progress' }> | null;
  notice: string | null;
  cancel: () => void;
}

interface ModelsState {
  models: ModelInfo[] | null;
  busy: boolean;
  error: string | null;
  job: ModelJob | null;
  /** What the last finished job installed (shown as a confirmation). */
  finished: string | null;
  catalog: CatalogView | null;
  checkpoint: CheckpointSummary | null;
  refresh: () => Promise<void>;
  installDemo: () => Promise<void>;
  setDefault: (id: string) => Promise<void>;
  load: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  loadCatalog: () => Promise<void>;
  acceptLicence: (id: string) => Promise<void>;
  inspectCheckpoint: (dir: string) => Promise<void>;
  importModel: (path: string, mode: 'copy' | 'inPlace') => Promise<void>;
  download: (source: string, sha256?: string) => Promise<void>;
  convert: (dir: string, quant: 'Q4_K_M' | 'Q8_0' | 'F16') => Promise<void>;
}

/** Installed models and the Models jobs; kept fresh by the services' `models.changed` event. */
export const useModels = create<ModelsState>((set, get) => {
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
  const runJob = async (kind: ModelJob['kind'], label: string, start: (onPacket: (p: ModelJobPacket) => void) => { result: Promise<ModelInfo>; cancel: () => void }): Promise<void> => {
    if (get().job) return;
    set({ error: null, finished: null });
    const handle = start((p) => {
      const job = get().job;
      if (!job) return;
      set({ job: p.type === 'progress' ? { ...job, progress: p } : { ...job, notice: p.message } });
    });
    set({ job: { kind, label, progress: null, notice: null, cancel: handle.cancel } });
    try {
      const model = await handle.result;
      set({ finished: model.name, models: await studio.models.list({}) });
    } catch (error) {
      set({ error: (error as Error).message });
    } finally {
      set({ job: null });
    }
  };
  return {
    models: null,
    busy: false,
    error: null,
    job: null,
    finished: null,
    catalog: null,
    checkpoint: null,
    refresh: async () => set({ models: await studio.models.list({}) }),
    installDemo: () =>
      guard(async () => {
        const model = await studio.models.installDemo({});
        await studio.runtime.loadModel({ id: model.id });
      }),
    setDefault: (id) => guard(() => studio.models.setDefault({ id })),
    load: (id) => guard(() => studio.runtime.loadModel({ id })),
    remove: (id) => guard(async () => set({ models: await studio.models.remove({ id }) })),
    loadCatalog: () => guard(async () => set({ catalog: await studio.models.catalog({}) })),
    acceptLicence: (id) =>
      guard(async () => {
        set({ catalog: await studio.models.acceptLicence({ id }) });
        const checkpoint = get().checkpoint;
        if (checkpoint?.licence?.id === id) set({ checkpoint: { ...checkpoint, licenceAccepted: true } });
      }),
    inspectCheckpoint: (dir) =>
      guard(async () => {
        set({ checkpoint: null });
        set({ checkpoint: await studio.models.inspectCheckpoint({ dir }) });
      }),
    importModel: (path, mode) => runJob('import', path, (on) => studio.models.import({ path, mode }, on)),
    download: (source, sha256) => runJob('download', source, (on) => studio.models.download({ source, ...(sha256 ? { sha256 } : {}) }, on)),
    convert: (dir, quant) => runJob('convert', dir, (on) => studio.models.convert({ dir, quant }, on)),
  };
});
