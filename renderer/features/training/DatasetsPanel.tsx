import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetPreview } from '../../../shared/training/dataset-view';
import { formatBytes } from '../../../shared/text/format-bytes';
import { studio } from '../../transport/studio-client';
import { ClusterExportForm } from './ClusterExportForm';
import { DatasetPreviewView } from './DatasetPreviewView';
import { useTraining } from './training-store';

/** The character's datasets: tick the ones to train on, preview or delete them. */
export function DatasetsPanel() {
  const { t } = useTranslation('training');
  const datasets = useTraining((s) => s.datasets);
  const selected = useTraining((s) => s.selected);
  const characterId = useTraining((s) => s.characterId);
  const { toggleDataset, deleteDataset } = useTraining.getState();
  const [open, setOpen] = useState<{ name: string; preview: DatasetPreview } | null>(null);

  const preview = async (name: string): Promise<void> => {
    if (open?.name === name) return setOpen(null);
    if (characterId) setOpen({ name, preview: await studio.training.previewDataset({ characterId, name }) });
  };

  return (
    <section className="panel">
      <h2>{t('datasets.heading')}</h2>
      {datasets.length === 0 && <p className="muted" data-testid="datasets-empty">{t('datasets.empty')}</p>}
      <ul className="dataset-list">
        {datasets.map((d) => (
          <li key={d.name} data-testid="dataset-item">
            <label>
              <input type="checkbox" checked={selected.includes(d.name)} aria-label={t('datasets.use', { name: d.name })}
                data-testid={`dataset-use-${d.name}`} onChange={() => toggleDataset(d.name)} />
              <strong>{d.name}</strong>
            </label>
            <span className="muted">{t('datasets.dialogues', { count: d.dialogues, replies: d.replies })} · {formatBytes(d.sizeBytes)}</span>
            <button type="button" onClick={() => void preview(d.name)}>{t('datasets.preview')}</button>
            <button type="button" className="danger" onClick={() => {
              if (window.confirm(t('datasets.removeConfirm', { name: d.name }))) void deleteDataset(d.name);
            }}>{t('datasets.remove')}</button>
          </li>
        ))}
      </ul>
      {open && <DatasetPreviewView preview={open.preview} />}
      {datasets.length > 0 && <ClusterExportForm />}
    </section>
  );
}
