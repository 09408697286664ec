import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLUSTER_FORMATS, type ClusterExportResult, type ClusterFormat } from '../../../shared/training/cluster-files';
import { TRAINING_PRESETS, type TrainingPreset } from '../../../shared/training/training-settings';
import { studio } from '../../transport/studio-client';
import { FolderField } from './FolderField';
import { useTraining } from './training-store';
import { useAsyncAction } from './use-async-action';

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
  const action = useAsyncAction<ClusterExportResult>();

  if (!open) return <button type="button" data-testid="cluster-export-open" onClick={() => setOpen(true)}>{t('datasets.open')}</button>;
  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    if (characterId) void action.run(() => studio.training.exportDatasets({ characterId, datasets: selected, format, preset, outDir: outDir.trim() }));
  };
  return (
    <form className="form cluster-form" data-testid="cluster-export" onSubmit={submit}>
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
      <FolderField label={t('datasets.folder')} value={outDir} onChange={setOutDir} testId="cluster-export-dir" disabled={action.busy} fresh placeholder="/data/character-run" />
      <div className="row">
        <button type="submit" className="primary" data-testid="cluster-export-submit" disabled={action.busy || !outDir.trim()}>{t('datasets.export')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('datasets.cancel')}</button>
      </div>
      {action.busy && <p className="muted">{t('datasets.exporting')}</p>}
      {action.done && (
        <p data-testid="cluster-export-done">
          {t('datasets.done', { train: action.done.records.train, eval: action.done.records.eval, dialogues: action.done.dialogues, path: action.done.path })}
        </p>
      )}
      {action.error && <p className="error" role="alert" data-testid="cluster-export-error">{action.error}</p>}
    </form>
  );
}
