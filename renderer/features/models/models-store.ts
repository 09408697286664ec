import { create } from 'zustand';
import type { CatalogView, CheckpointSummary, HubGetInput, ModelLeftovers } from '../../../shared/contract/domains/models';
import { StudioError } from '../../../shared/contract/errors';
import type { ModelInfo } from '../../../shared/models/model-info';
import type { ModelJobPacket, ModelJobPhase } from '../../../shared/models/model-job';
import type { ModelProblem } from '../../../shared/models/model-problem';
import { studio } from '../../transport/studio-client';
import { errorText } from '../../app/error-text';

/** The one long job the Models view runs at a time (import, download, conversion or a get from the hub). */
export interface ModelJob {
  kind: 'import' | 'download' | 'convert' | 'get';
  label: string;
  progress: Extract<ModelJobPacket, { type: 'progress' }> | null;
  /** The steps seen so far, in order. */
  phases: ModelJobPhase[];
  notice: string | null;
  cancel: () => void;
}

/** What the last finished job installed, and the steps it went through. */
export interface FinishedJob {
  name: string;
  phases: ModelJobPhase[];
}

interface ModelsState {
  models: ModelInfo[] | null;
  busy: boolean;
  error: string | null;
  /** The error's named problem, shown in the user's language instead of the English message. */
  problem: ModelProblem | null;
  job: ModelJob | null;
  /** What the last finished job installed (shown as a confirmation). */
  finished: FinishedJob | null;
  catalog: CatalogView | null;
  checkpoint: CheckpointSummary | null;
  leftovers: ModelLeftovers | null;
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
  get: (input: HubGetInput) => Promise<void>;
  loadLeftovers: () => Promise<void>;
  cleanUp: () => Promise<void>;
}

const failure = (error: unknown) => ({ error: errorText(error), problem: error instanceof StudioError ? error.problem ?? null : null });

/** Installed models and the Models jobs; kept fresh by the services' `models.changed` event. */
export const useModels = create<ModelsState>((set, get) => {
  studio.on('models.changed', (models) => set({ models }));
  const guard = async (work: () => Promise<unknown>): Promise<void> => {
    set({ busy: true, error: null, problem: null });
    try {
      await work();
    } catch (error) {
      set(failure(error));
    } finally {
      set({ busy: false });
    }
  };
  const runJob = async (kind: ModelJob['kind'], label: string, start: (onPacket: (p: ModelJobPacket) => void) => { result: Promise<ModelInfo>; cancel: () => void }): Promise<void> => {
    if (get().job) return;
    set({ error: null, problem: null, finished: null });
    const handle = start((p) => {
      const job = get().job;
      if (!job) return;
      if (p.type === 'notice') return set({ job: { ...job, notice: p.message } });
      set({ job: { ...job, progress: p, phases: job.phases.includes(p.phase) ? job.phases : [...job.phases, p.phase] } });
    });
    set({ job: { kind, label, progress: null, phases: [], notice: null, cancel: handle.cancel } });
    try {
      const model = await handle.result;
      set({ finished: { name: model.name, phases: get().job?.phases ?? [] }, models: await studio.models.list({}) });
    } catch (error) {
      set(failure(error));
    } finally {
      set({ job: null });
      if (kind === 'get' || kind === 'download') void get().loadLeftovers();
    }
  };
  return {
    models: null,
    busy: false,
    error: null,
    problem: null,
    job: null,
    finished: null,
    catalog: null,
    checkpoint: null,
    leftovers: null,
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
    get: (input) => runJob('get', input.revision === 'main' ? input.repo : `${input.repo}@${input.revision}`, (on) => studio.models.get(input, on)),
    // Not through `guard`: it runs after every download and must not clear the error that download left.
    loadLeftovers: async () => {
      try {
        set({ leftovers: await studio.models.leftovers({}) });
      } catch (error) {
        set(failure(error));
      }
    },
    cleanUp: () => guard(async () => set({ leftovers: await studio.models.cleanUp({}) })),
  };
});
