import { useTranslation } from 'react-i18next';
import type { LaneSpec } from '../../../shared/chat/evaluation';
import type { AdapterSummary } from '../../../shared/training/training-job';

/** One side of a comparison: which adapter (or base) and the sampler values that differ most often. */
export function LaneEditor({ name, lane, adapters, onChange }: { name: 'a' | 'b'; lane: LaneSpec; adapters: AdapterSummary[]; onChange: (lane: LaneSpec) => void }) {
  const { t } = useTranslation('chat');
  const sampler = (key: 'temperature' | 'topP' | 'repeatPenalty', value: string): void => {
    if (value !== '') onChange({ ...lane, sampler: { ...lane.sampler, [key]: Number(value) } });
  };
  return (
    <fieldset className="lane" data-testid={`compare-lane-${name}`}>
      <legend>{t(name === 'a' ? 'compare.laneA' : 'compare.laneB')}</legend>
      <label>
        <span>{t('adapter')}</span>
        <select data-testid={`lane-${name}-adapter`} value={lane.adapter?.name ?? ''}
          onChange={(e) => onChange({ ...lane, adapter: e.target.value === '' ? null : { name: e.target.value, scale: lane.adapter?.scale ?? 1 } })}>
          <option value="">{t('noAdapter')}</option>
          {adapters.map((a) => <option key={a.name} value={a.name}>{a.name}</option>)}
        </select>
      </label>
      {lane.adapter && (
        <label>
          <span>{t('scale', { scale: lane.adapter.scale.toFixed(2) })}</span>
          <input type="range" min={0} max={2} step={0.05} value={lane.adapter.scale}
            onChange={(e) => onChange({ ...lane, adapter: { ...lane.adapter!, scale: Number(e.target.value) } })} />
        </label>
      )}
      {(['temperature', 'topP', 'repeatPenalty'] as const).map((key) => (
        <label key={key}>
          <span>{t(`sampler.${key}`)}</span>
          <input type="number" step={0.05} min={0} value={lane.sampler[key]} data-testid={`lane-${name}-${key}`} onChange={(e) => sampler(key, e.target.value)} />
        </label>
      ))}
    </fieldset>
  );
}
