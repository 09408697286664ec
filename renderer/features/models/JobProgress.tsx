import { useTranslation } from 'react-i18next';
import type { ModelJobPhase } from '../../../shared/models/model-job';
import { formatBytes } from '../../../shared/text/format-bytes';
import { useModels, type ModelJob } from './models-store';

/** The steps of a get from the hub, in the order they run. */
const GET_STEPS = ['list', 'download', 'convert', 'quantize', 'load'] as const;
type GetStep = (typeof GET_STEPS)[number];

/** The step a phase belongs to: building the quantiser is part of quantising, checking the result of the step before. */
function stepOf(phase: ModelJobPhase, seen: readonly ModelJobPhase[]): GetStep {
  if (phase === 'build') return 'quantize';
  if (phase === 'verify') return seen.includes('quantize') ? 'quantize' : 'convert';
  if (phase === 'copy') return 'download';
  return phase;
}

/** The chain of a get, each step done, skipped (F16 needs no quantising), running or still to come. */
function GetSteps({ job }: { job: ModelJob }) {
  const { t } = useTranslation('models');
  const current = job.progress ? GET_STEPS.indexOf(stepOf(job.progress.phase, job.phases)) : 0;
  return (
    <ol className="steps" data-testid="model-job-steps">
      {GET_STEPS.map((step, i) => {
        const seen = job.phases.some((p) => stepOf(p, job.phases) === step);
        const state = i < current ? (seen ? 'done' : 'skipped') : i === current ? 'current' : 'pending';
        return <li key={step} data-step={step} data-state={state}>{t(`job.step.${step}`)}</li>;
      })}
    </ol>
  );
}

/** The running Models job: its steps, a progress bar with phase, bytes, speed and time left, and Cancel (Esc). */
export function JobProgress() {
  const { t } = useTranslation('models');
  const job = useModels((s) => s.job);
  const finished = useModels((s) => s.finished);
  if (!job) {
    if (!finished) return null;
    const steps = GET_STEPS.filter((step) => step !== 'list' && finished.phases.some((p) => stepOf(p, finished.phases) === step));
    return (
      <p className="notice" role="status" data-testid="model-job-finished">
        {t('job.finished', { name: finished.name })} {steps.length > 1 && t('job.stepsDone', { steps: steps.map((s) => t(`job.done.${s}`)).join(t('job.listSeparator')) })}
      </p>
    );
  }
  const p = job.progress;
  const ratio = p && p.total > 0 ? Math.min(1, p.done / p.total) : undefined;
  const amount = !p ? '' : p.phase === 'quantize' ? t('job.tensors', { done: p.done, total: p.total }) : `${formatBytes(p.done)}${p.total ? ` / ${formatBytes(p.total)}` : ''}`;
  return (
    <div className="job" data-testid="model-job" data-phase={p?.phase ?? 'starting'} onKeyDown={(e) => e.key === 'Escape' && job.cancel()}>
      <div className="actions">
        <strong>{p ? t(`job.phase.${p.phase}`) : '…'}</strong>
        <span className="muted">{job.label}</span>
      </div>
      {job.kind === 'get' && <GetSteps job={job} />}
      <progress max={1} value={ratio} aria-label={p ? t(`job.phase.${p.phase}`) : undefined} />
      <div className="actions">
        <span data-testid="model-job-amount">{amount}</span>
        {p?.bytesPerSecond ? <span>{t('job.speed', { speed: formatBytes(p.bytesPerSecond) })}</span> : null}
        {p?.etaSeconds ? <span>{t('job.eta', { seconds: p.etaSeconds })}</span> : null}
        {p?.detail && <span className="muted">{p.detail}</span>}
        <button type="button" data-testid="model-job-cancel" onClick={job.cancel} autoFocus>{t('job.cancel')}</button>
      </div>
      {job.notice && <p className="muted">{job.notice}</p>}
    </div>
  );
}
