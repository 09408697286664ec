import { create } from 'zustand';
import type { DatasetPreview, DatasetSummary } from '../../../shared/training/dataset-view';
import type { AdapterSummary, TrainingJobEvent, TrainingRunSummary, TrainingStatus } from '../../../shared/training/training-job';
import type { TrainingPreset, TrainingSettings } from '../../../shared/training/training-settings';
import type { DatasetFormat } from '../../../shared/training/training-sample';
import { studio } from '../../transport/studio-client';
import { errorGuard } from '../../app/error-guard';
import { errorText } from '../../app/error-text';

// The Training section's state: the character's datasets, adapters and stopped runs, the import being
// previewed, and the running job with its loss curve (kept in step by the training.job event).

/** A file being looked at before it is saved as a dataset. */
export interface ImportDraft {
  fileName: string;
  content: string;
  format: DatasetFormat | 'auto';
  name: string;
  preview: DatasetPreview | null;
  busy: boolean;
}

interface TrainingStore {
  characterId: string | null;
  datasets: DatasetSummary[];
  adapters: AdapterSummary[];
  runs: TrainingRunSummary[];
  selected: string[];
  status: TrainingStatus | null;
  draft: ImportDraft | null;
  error: string | null;
  /** The dataset just saved, for a confirmation line. */
  saved: { name: string; dialogues: number } | null;
  load: (characterId: string) => Promise<void>;
  refresh: () => Promise<void>;
  toggleDataset: (name: string) => void;
  openFile: (fileName: string, content: string) => Promise<void>;
  setDraft: (patch: Partial<Pick<ImportDraft, 'format' | 'name'>>) => Promise<void>;
  saveDraft: () => Promise<void>;
  discardDraft: () => void;
  deleteDataset: (name: string) => Promise<void>;
  start: (input: { adapterName: string; modelId: string | undefined; preset: TrainingPreset; settings: Partial<TrainingSettings> }) => Promise<void>;
  cancel: () => Promise<void>;
  resume: (runId: string) => Promise<void>;
  discardRun: (runId: string) => Promise<void>;
  deleteAdapter: (name: string) => Promise<void>;
  onJob: (event: TrainingJobEvent) => void;
}


const stem = (fileName: string): string => fileName.replace(/\.[^.]+$/, '').replace(/^[.\s]+/, '').replace(/[/\\]/g, '-').slice(0, 100) || 'dataset';

export const useTraining = create<TrainingStore>((set, get) => {
  const guard = errorGuard(set);

  const inspect = async (draft: ImportDraft): Promise<void> => {
    const characterId = get().characterId;
    if (!characterId) return;
    set({ draft: { ...draft, busy: true } });
    try {
      const preview = await studio.training.inspectImport({
        characterId, fileName: draft.fileName, content: draft.content, ...(draft.format === 'auto' ? {} : { format: draft.format }),
      });
      if (get().draft?.content === draft.content) set({ draft: { ...get().draft!, preview, busy: false } });
    } catch (error) {
      set({ draft: { ...get().draft!, busy: false }, error: errorText(error) });
    }
  };

  return {
    characterId: null,
    datasets: [],
    adapters: [],
    runs: [],
    selected: [],
    status: null,
    draft: null,
    error: null,
    saved: null,

    async load(characterId) {
      if (get().characterId !== characterId) set({ characterId, selected: [], draft: null, error: null, saved: null });
      await get().refresh();
      set({ status: await studio.training.status({}).catch(() => null) });
    },

    async refresh() {
      const characterId = get().characterId;
      if (!characterId) return;
      const [datasets, adapters, runs] = await Promise.all([
        studio.training.listDatasets({ characterId }),
        studio.training.listAdapters({ characterId }),
        studio.training.runs({ characterId }),
      ]);
      const names = new Set(datasets.map((d) => d.name));
      set({ datasets, adapters, runs, selected: get().selected.filter((n) => names.has(n)) });
    },

    toggleDataset(name) {
      const selected = get().selected;
      set({ selected: selected.includes(name) ? selected.filter((n) => n !== name) : [...selected, name] });
    },

    async openFile(fileName, content) {
      set({ saved: null, error: null });
      await inspect({ fileName, content, format: 'auto', name: stem(fileName), preview: null, busy: true });
    },

    async setDraft(patch) {
      const draft = get().draft;
      if (!draft) return;
      const next = { ...draft, ...patch };
      set({ draft: next });
      if (patch.format !== undefined && patch.format !== draft.format) await inspect(next);
    },

    async saveDraft() {
      const { draft, characterId } = get();
      if (!draft || !characterId) return;
      await guard(async () => {
        const saved = await studio.training.importDataset({
          characterId, fileName: draft.fileName, content: draft.content, name: draft.name.trim(),
          ...(draft.format === 'auto' ? {} : { format: draft.format }),
        });
        set({ draft: null, saved: { name: saved.name, dialogues: saved.dialogues }, selected: [...get().selected, saved.name] });
        await get().refresh();
      });
    },

    discardDraft() {
      set({ draft: null });
    },

    async deleteDataset(name) {
      const characterId = get().characterId;
      if (!characterId) return;
      await guard(async () => {
        await studio.training.deleteDataset({ characterId, name });
        await get().refresh();
      });
    },

    async start({ adapterName, modelId, preset, settings }) {
      const { characterId, selected } = get();
      if (!characterId) return;
      await guard(async () => {
        const job = await studio.training.start({
          characterId, datasets: selected, adapterName, preset, settings, ...(modelId ? { modelId } : {}),
        });
        set({ status: { job, curve: [] } });
      });
    },

    async cancel() {
      await guard(async () => {
        await studio.training.cancel({});
      });
    },

    async resume(runId) {
      const characterId = get().characterId;
      if (!characterId) return;
      await guard(async () => {
        await studio.training.resume({ characterId, runId });
        set({ status: await studio.training.status({}) });
        await get().refresh();
      });
    },

    async discardRun(runId) {
      const characterId = get().characterId;
      if (!characterId) return;
      await guard(async () => set({ runs: await studio.training.discardRun({ characterId, runId }) }));
    },

    async deleteAdapter(name) {
      const characterId = get().characterId;
      if (!characterId) return;
      await guard(async () => set({ adapters: await studio.training.deleteAdapter({ characterId, name }) }));
    },

    onJob({ job, points }) {
      const current = get().status;
      const sameRun = current?.job.runId === job.runId;
      set({ status: { job, curve: sameRun ? [...current.curve, ...points] : points } });
      if (job.state !== 'training' && job.state !== 'preparing' && job.characterId === get().characterId) void get().refresh();
    },
  };
});
