import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusterExportResult, ClusterFormat } from '../../../shared/training/cluster-files';
import { CLUSTER_FORMATS } from '../../../shared/training/cluster-files';
import { TRAINING_PRESETS, type TrainingPreset } from '../../../shared/training/training-settings';
import { studio } from '../../transport/studio-client';
import { errorText } from '../../app/error-guard';
import { BrowsePathButton } from '../models/BrowsePathButton';
import { useTraining } from './training-store';

/** Training → Datasets → Export for a GPU cluster: the ticked datasets for TRL or LLaMA-Factory, into a new folder. */
export function ClusterExportForm() {
  const { t } = useTranslation('cluster');
  const { t: tt } = useTranslation('training');
  const characterId = useTraining((s) => s.characterId);
  const selected = useTraining((s) => s.selected);
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ClusterFormat>('trl');
  const [preset, setPreset] = useState<TrainingPreset>('balanced');
  const [outDir, setOutDir] = useState('');
  const [state, setState] = useState<{ busy: boolean; done: ClusterExportResult | null; error: string | null }>({ busy: false, done: null, error: null });

  if (!open) return <button type="button" data-testid="cluster-export-open" onClick={() => setOpen(true)}>{t('datasets.open')}</button>;
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!characterId || state.busy) return;
    setState({ busy: true, done: null, error: null });
    try {
      const done = await studio.training.exportDatasets({ characterId, datasets: selected, format, preset, outDir: outDir.trim() });
      setState({ busy: false, done, error: null });
    } catch (error) {
      setState({ busy: false, done: null, error: errorText(error) });
    }
  };
  return (
    <form className="form cluster-form" data-testid="cluster-export" onSubmit={(e) => void submit(e)}>
      <h3>{t('datasets.heading')}</h3>
      <p className="muted">{t('datasets.hint')}</p>
      <label>{t('datasets.format')}
        <select data-testid="cluster-export-format" value={format} onChange={(e) => setFormat(e.target.value as ClusterFormat)}>
          {CLUSTER_FORMATS.map((f) => <option key={f} value={f}>{t(`datasets.formats.${f}`)}</option>)}
        </select>
      </label>
      <label>{t('datasets.preset')}
        <select data-testid="cluster-export-preset" value={preset} onChange={(e) => setPreset(e.target.value as TrainingPreset)}>
          {TRAINING_PRESETS.map((p) => <option key={p} value={p}>{tt(`run.presets.${p}`)} — {tt(`run.presetHints.${p}`)}</option>)}
        </select>
      </label>
      <label>{t('datasets.folder')}
        <input data-testid="cluster-export-dir" value={outDir} onChange={(e) => setOutDir(e.target.value)} placeholder="/data/character-run" />
      </label>
      <BrowsePathButton kind="folder" disabled={state.busy} onChosen={setOutDir} />
      <p className="muted">{t('folderHint')}</p>
      <div className="row">
        <button type="submit" className="primary" data-testid="cluster-export-submit" disabled={state.busy || !outDir.trim()}>{t('datasets.export')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('datasets.cancel')}</button>
      </div>
      {state.busy && <p className="muted">{t('datasets.exporting')}</p>}
      {state.done && (
        <p data-testid="cluster-export-done">
          {t('datasets.done', { train: state.done.records.train, eval: state.done.records.eval, dialogues: state.done.dialogues, path: state.done.path })}
        </p>
      )}
      {state.error && <p className="error" role="alert" data-testid="cluster-export-error">{state.error}</p>}
    </form>
  );
}
