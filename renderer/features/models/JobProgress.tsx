import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../shared/text/format-bytes';
import { useModels } from './models-store';

/** The running Models job: a progress bar with phase, speed and time left, and Cancel (Esc). */
export function JobProgress() {
  const { t } = useTranslation('models');
  const job = useModels((s) => s.job);
  const finished = useModels((s) => s.finished);
  if (!job) return finished ? <p className="notice" role="status" data-testid="model-job-finished">{t('job.finished', { name: finished })}</p> : null;
  const p = job.progress;
  const ratio = p && p.total > 0 ? Math.min(1, p.done / p.total) : undefined;
  const amount = !p ? '' : p.phase === 'quantize' ? t('job.tensors', { done: p.done, total: p.total }) : `${formatBytes(p.done)}${p.total ? ` / ${formatBytes(p.total)}` : ''}`;
  return (
    <div className="job" data-testid="model-job" data-phase={p?.phase ?? 'starting'} onKeyDown={(e) => e.key === 'Escape' && job.cancel()}>
      <div className="actions">
        <strong>{p ? t(`job.phase.${p.phase}`) : '…'}</strong>
        <span className="muted">{job.label}</span>
      </div>
      <progress max={1} value={ratio} aria-label={p ? t(`job.phase.${p.phase}`) : undefined} />
      <div className="actions">
        <span>{amount}</span>
        {p?.bytesPerSecond ? <span>{t('job.speed', { speed: formatBytes(p.bytesPerSecond) })}</span> : null}
        {p?.etaSeconds ? <span>{t('job.eta', { seconds: p.etaSeconds })}</span> : null}
        {p?.detail && <span className="muted">{p.detail}</span>}
        <button type="button" data-testid="model-job-cancel" onClick={job.cancel} autoFocus>{t('job.cancel')}</button>
      </div>
      {job.notice && <p className="muted">{job.notice}</p>}
    </div>
  );
}
