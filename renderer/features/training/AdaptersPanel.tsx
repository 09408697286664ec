import { useTranslation } from 'react-i18next';
import type { AdapterMetadata, AdapterSummary } from '../../../shared/training/training-job';
import { formatBytes } from '../../../shared/text/format-bytes';
import { formatDuration, formatLoss } from './format-duration';
import { LossChart } from './LossChart';
import { PeftExportButton } from './PeftExportButton';
import { PeftImportForm } from './PeftImportForm';
import { useTraining } from './training-store';

/** What a run measured: final and held-out losses, steps, time, speed and memory. */
function AdapterResults({ results: r }: { results: NonNullable<AdapterMetadata['results']> }) {
  const { t } = useTranslation('training');
  return (
    <>
      <div data-testid="adapter-losses">
        {r.finalHeldOutLoss !== null
          ? t('adapters.losses', { train: formatLoss(r.finalTrainLoss), from: formatLoss(r.initialHeldOutLoss), to: formatLoss(r.finalHeldOutLoss) })
          : t('adapters.lossesNoHeld', { train: formatLoss(r.finalTrainLoss) })}
      </div>
      <div className="muted">{t('adapters.stats', {
        steps: r.steps, time: formatDuration(r.elapsedSeconds), speed: Math.round(r.tokensPerSecond ?? 0), memory: formatBytes(r.peakMemoryBytes ?? 0),
      })}</div>
    </>
  );
}

function AdapterItem({ adapter, characterId, onUse }: { adapter: AdapterSummary; characterId: string; onUse: (name: string) => void }) {
  const { t } = useTranslation('training');
  const { t: tc } = useTranslation('cluster');
  const deleteAdapter = useTraining((s) => s.deleteAdapter);
  const m = adapter.metadata;
  const s = m?.settings as { rank?: number; alpha?: number; epochs?: number; learningRate?: number; windowTokens?: number } | undefined;
  const last = adapter.curve.at(-1)?.step ?? m?.results?.steps ?? 0;
  return (
    <li className="adapter-item" data-testid="adapter-item" data-name={adapter.name}>
      <div className="adapter-head">
        <strong>{adapter.name}</strong> <span className="muted">{formatBytes(adapter.sizeBytes)}{adapter.createdAt ? ` · ${new Date(adapter.createdAt).toLocaleString()}` : ''}</span>
      </div>
      {m ? (
        <div className="adapter-body">
          {m.results && <LossChart points={adapter.curve} totalSteps={last} compact />}
          <div>
            <div data-testid="adapter-base">{t('adapters.base', { name: m.baseModel.name, hash: m.baseModel.sha256.slice(0, 12) })}</div>
            {m.source ? (
              <div data-testid="adapter-source">{tc('imported', { folder: m.source.folder, rank: m.source.rank, alpha: m.source.loraAlpha, rsLora: m.source.rsLora ? tc('rsLora') : '' })}</div>
            ) : <div className="muted">{t('adapters.settings', { rank: s?.rank, alpha: s?.alpha, epochs: s?.epochs, lr: s?.learningRate, window: s?.windowTokens })}</div>}
            {m.results && <AdapterResults results={m.results} />}
            {m.datasets.length > 0 && <div className="muted">{t('adapters.datasets', { names: m.datasets.map((d) => d.name).join(', ') })}</div>}
            {(m.profileVariants ?? 0) > 0 && <div className="muted" data-testid="adapter-variants">{t('adapters.variants', { count: m.profileVariants })}</div>}
          </div>
        </div>
      ) : adapter.problem ? (
        <p className="error" data-testid="adapter-problem">{t('adapters.broken', { problem: adapter.problem })}</p>
      ) : <p className="muted">{t('adapters.foreign')}</p>}
      <div className="row">
        <button type="button" className="primary" data-testid="adapter-use" onClick={() => onUse(adapter.name)}>{t('adapters.useInChat')}</button>
        <PeftExportButton characterId={characterId} adapter={adapter.name} />
        <button type="button" className="danger" onClick={() => {
          if (window.confirm(t('adapters.removeConfirm', { name: adapter.name }))) void deleteAdapter(adapter.name);
        }}>{t('adapters.remove')}</button>
      </div>
    </li>
  );
}

/** Finished and imported adapters with their curve, settings and base model; "Use in chat" opens a chat with it, "Export as PEFT" writes it for other tools. */
export function AdaptersPanel({ onUse }: { onUse: (name: string) => void }) {
  const { t } = useTranslation('training');
  const adapters = useTraining((s) => s.adapters);
  const characterId = useTraining((s) => s.characterId);
  return (
    <section className="panel">
      <h2>{t('adapters.heading')}</h2>
      {adapters.length === 0 && <p className="muted">{t('adapters.empty')}</p>}
      <ul className="adapter-list">{characterId && adapters.map((a) => <AdapterItem key={a.name} adapter={a} characterId={characterId} onUse={onUse} />)}</ul>
      <PeftImportForm />
    </section>
  );
}
