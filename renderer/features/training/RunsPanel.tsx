import { useTranslation } from 'react-i18next';
import { useTraining } from './training-store';

/** Runs that stopped early: resume from their checkpoint, or discard them. */
export function RunsPanel({ busy }: { busy: boolean }) {
  const { t } = useTranslation('training');
  const runs = useTraining((s) => s.runs);
  const { resume, discardRun } = useTraining.getState();
  if (runs.length === 0) return null;
  return (
    <section className="panel">
      <h2>{t('runs.heading')}</h2>
      <ul className="run-list">
        {runs.map((r) => (
          <li key={r.runId} data-testid="stopped-run">
            <span>{t('runs.item', { name: r.adapterName, step: r.step, total: r.totalSteps, state: t(`runs.states.${r.state}`) })}</span>
            <span className="muted">{r.checkpointStep !== null ? t('runs.checkpoint', { step: r.checkpointStep }) : t('runs.noCheckpoint')}</span>
            {r.message && <span className="muted">{r.message}</span>}
            <button type="button" disabled={busy} data-testid="run-resume" onClick={() => void resume(r.runId)}>{t('runs.resume')}</button>
            <button type="button" onClick={() => void discardRun(r.runId)}>{t('runs.discard')}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
