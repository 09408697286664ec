import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../shared/text/format-bytes';
import type { TrainingStatus } from '../../../shared/training/training-job';
import { deviceLabel } from './device-label';
import { formatDuration, formatLoss } from './format-duration';
import { LossChart } from './LossChart';
import { useTraining } from './training-store';

/** The running (or just ended) run: progress bar, loss, speed, ETA, memory, the live curve and Cancel. */
export function JobPanel({ status }: { status: TrainingStatus }) {
  const { t } = useTranslation('training');
  const cancel = useTraining((s) => s.cancel);
  const [cancelling, setCancelling] = useState(false);
  const { job, curve } = status;
  const going = job.state === 'preparing' || job.state === 'training';
  const fraction = job.totalSteps > 0 ? job.step / job.totalSteps : 0;
  return (
    <section className="panel job" data-testid="training-job" data-state={job.state}>
      <h2>{t('progress.heading', { name: job.adapterName })}</h2>
      <progress max={1} value={job.state === 'done' ? 1 : fraction} data-testid="training-progress" aria-label={t('progress.heading', { name: job.adapterName })} />
      <div className="job-stats" data-testid="training-stats">
        {job.state === 'preparing' || (going && job.step === 0)
          ? <span>{job.message ?? t('progress.preparing')}</span>
          : (
              <>
                <span data-testid="training-step">{t('progress.step', { step: job.step, total: job.totalSteps, epoch: job.epoch.toFixed(2) })}</span>
                <span>{t('progress.loss', { loss: formatLoss(job.trainLoss) })}</span>
                {job.heldOutLoss !== null && <span data-testid="training-held-out">{t('progress.heldOut', { loss: formatLoss(job.heldOutLoss) })}</span>}
                {job.tokensPerSecond !== null && <span>{t('progress.speed', { speed: Math.round(job.tokensPerSecond) })}</span>}
                {going && job.etaSeconds !== null && <span data-testid="training-eta">{t('progress.eta', { eta: formatDuration(job.etaSeconds) })}</span>}
                {job.peakMemoryBytes !== null && <span>{t('progress.memory', { memory: formatBytes(job.peakMemoryBytes) })}</span>}
                {job.device && <span data-testid="training-device">{t('progress.device', { device: deviceLabel(job.device, t) })}</span>}
              </>
            )}
      </div>
      <LossChart points={curve} totalSteps={job.totalSteps} />
      {going && (
        <div className="row">
          <button type="button" className="danger" disabled={cancelling} data-testid="training-cancel" onClick={() => {
            setCancelling(true);
            void cancel();
          }}>{t('progress.cancel')}</button>
          {cancelling && <span className="muted">{t('progress.cancelling')}</span>}
          <span className="muted">{t('progress.responsive')}</span>
        </div>
      )}
      {job.state === 'done' && <p data-testid="training-done">{t('progress.done', { name: job.adapterName, time: formatDuration(job.elapsedSeconds) })}</p>}
      {job.state === 'cancelled' && <p>{t('progress.cancelled', { step: job.step })}</p>}
      {job.state === 'failed' && <p className="error" role="alert" data-testid="training-failed">{t('progress.failed', { message: job.message ?? '' })}</p>}
    </section>
  );
}
