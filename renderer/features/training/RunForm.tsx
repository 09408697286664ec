import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LORA_TARGETS, PRESET_SETTINGS, TRAINING_PRESETS, type TrainingPreset, type TrainingSettings } from '../../../shared/training/training-settings';
import { formatBytes } from '../../../shared/text/format-bytes';
import type { TrainingEstimate } from '../../../shared/training/training-job';
import { studio } from '../../transport/studio-client';
import { deviceLabel } from './device-label';
import { formatDuration } from './format-duration';
import { useTraining } from './training-store';
import { useModels } from '../models/models-store';
import { errorText } from '../../app/error-text';

type Choice = TrainingPreset | 'custom';

const stamp = (): string => new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

/** Base model, preset or custom settings, adapter name, and the start button (Ctrl+Enter). */
export function RunForm({ busy }: { busy: boolean }) {
  const { t } = useTranslation('training');
  const selected = useTraining((s) => s.selected);
  const start = useTraining((s) => s.start);
  // The models store follows `models.changed`, so a model installed or removed meanwhile shows here at once.
  const installed = useModels((s) => s.models);
  const models = useMemo(() => (installed ?? []).filter((m) => !m.problem), [installed]);
  const [picked, setModelId] = useState<string>('');
  const [choice, setChoice] = useState<Choice>('balanced');
  const [custom, setCustom] = useState<TrainingSettings>(PRESET_SETTINGS.balanced);
  const [name, setName] = useState('');
  // The writer's pick while it is installed, else the default model.
  const modelId = models.some((m) => m.id === picked) ? picked : (models.find((m) => m.isDefault) ?? models[0])?.id ?? '';
  useEffect(() => {
    setName(`${selected[0] ?? 'adapter'}-${stamp()}`);
  }, [selected]);

  const settings = choice === 'custom' ? custom : PRESET_SETTINGS[choice];
  const edit = (patch: Partial<TrainingSettings>): void => {
    setCustom({ ...settings, ...patch });
    setChoice('custom');
  };
  const canStart = !busy && selected.length > 0 && modelId !== '' && name.trim() !== '';
  const characterId = useTraining((s) => s.characterId);
  const [estimate, setEstimate] = useState<{ state: 'measuring' } | { state: 'done'; value: TrainingEstimate } | { state: 'failed'; message: string } | null>(null);
  // an estimate is for the settings it measured: any change makes it stale
  useEffect(() => setEstimate(null), [modelId, choice, custom, selected]);
  // the run the form describes, for an estimate and for a start alike
  const run = { modelId, preset: choice === 'custom' ? 'balanced' : choice, settings: choice === 'custom' ? custom : {} } as const;
  const measure = (): void => {
    if (!canStart || !characterId) return;
    setEstimate({ state: 'measuring' });
    studio.training.estimate({ characterId, datasets: selected, ...run })
      .then((value) => setEstimate({ state: 'done', value }), (error: unknown) => setEstimate({ state: 'failed', message: errorText(error) }));
  };
  const submit = (): void => {
    if (!canStart) return;
    void start({ adapterName: name.trim(), ...run });
  };
  const onKey = (e: KeyboardEvent): void => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      submit();
    }
  };
  const numberField = (key: 'rank' | 'alpha' | 'epochs' | 'learningRate' | 'windowTokens' | 'heldOutFraction', step: number) => (
    <label key={key}>
      <span>{t(`run.${key === 'heldOutFraction' ? 'heldOut' : key}`)}</span>
      <input type="number" step={step} value={settings[key]} data-testid={`run-${key}`}
        onChange={(e) => Number.isFinite(e.target.valueAsNumber) && edit({ [key]: e.target.valueAsNumber })} />
    </label>
  );

  return (
    <section className="panel" onKeyDown={onKey}>
      <h2>{t('run.heading')}</h2>
      {models.length === 0 && <p className="error">{t('run.noModel')}</p>}
      <div className="form">
        <label>
          <span>{t('run.model')}</span>
          <select value={modelId} data-testid="run-model" onChange={(e) => setModelId(e.target.value)}>
            {models.map((m) => <option key={m.id} value={m.id}>{m.name} ({m.quantization})</option>)}
          </select>
        </label>
        <fieldset className="presets">
          <legend>{t('run.preset')}</legend>
          {[...TRAINING_PRESETS, 'custom' as const].map((p) => (
            <label key={p} title={t(`run.presetHints.${p}`)}>
              <input type="radio" name="preset" checked={choice === p} data-testid={`run-preset-${p}`}
                onChange={() => {
                  if (p === 'custom') setCustom(settings);
                  setChoice(p);
                }} />
              {t(`run.presets.${p}`)} <span className="muted">{t(`run.presetHints.${p}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="settings-grid">
          {numberField('rank', 1)}
          {numberField('alpha', 1)}
          {numberField('epochs', 1)}
          {numberField('learningRate', 0.0001)}
          {numberField('windowTokens', 64)}
          {numberField('heldOutFraction', 0.05)}
        </div>
        <fieldset>
          <legend>{t('run.targets')}</legend>
          {LORA_TARGETS.map((target) => (
            <label key={target}>
              <input type="checkbox" checked={settings.targets.includes(target)}
                onChange={() => edit({ targets: settings.targets.includes(target) ? settings.targets.filter((x) => x !== target) : [...settings.targets, target] })} />
              <code>{target}</code>
            </label>
          ))}
        </fieldset>
        <label>
          <span>{t('run.adapterName')}</span>
          <input value={name} maxLength={100} data-testid="run-adapter-name" onChange={(e) => setName(e.target.value)} />
        </label>
        {selected.length === 0 && <p className="muted">{t('run.pickDataset')}</p>}
        {busy && <p className="muted">{t('run.busy')}</p>}
        <div className="row">
          <button type="button" className="primary" disabled={!canStart} data-testid="run-start" title={t('run.startShortcut')} onClick={submit}>
            {t('run.start')}
          </button>
          <button type="button" disabled={!canStart || estimate?.state === 'measuring'} data-testid="run-estimate-button" onClick={measure}>
            {t('run.estimate')}
          </button>
        </div>
        {estimate && (
          <div className="estimate" data-testid="run-estimate" aria-live="polite">
            {estimate.state === 'measuring' && <p className="muted">{t('run.estimating')}</p>}
            {estimate.state === 'failed' && <p className="error" role="alert">{t('run.estimateFailed', { message: estimate.message })}</p>}
            {estimate.state === 'done' && (
              <ul>
                <li data-testid="run-estimate-device">{t('run.estimateDevice', { device: deviceLabel(estimate.value.device, t) })}</li>
                <li data-testid="run-estimate-memory">
                  {t('run.estimateMemory', { memory: formatBytes(estimate.value.memoryBytes) })}
                  {estimate.value.anonMemoryBytes !== null && <> {t('run.estimateAnon', { anon: formatBytes(estimate.value.anonMemoryBytes) })}</>}
                </li>
                <li data-testid="run-estimate-time">{t('run.estimateTime', {
                  time: formatDuration(estimate.value.seconds), steps: estimate.value.totalSteps, perStep: formatDuration(estimate.value.secondsPerStep),
                })}</li>
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
