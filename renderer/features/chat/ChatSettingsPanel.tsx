import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdapterSummary } from '../../../shared/training/training-job';
import { adaptersByName } from './chat-adapters';
import { CHARACTERGLM_SAMPLER_DEFAULTS, CHARACTERGLM_WEB_DEMO_PRESET, type SamplerSettings } from '../../../shared/prompt/sampling-defaults';
import { useChat } from './chat-store';

const FIELDS: { key: Exclude<keyof SamplerSettings, 'seed'>; min: number; max: number; step: number }[] = [
  { key: 'temperature', min: 0, max: 2, step: 0.05 },
  { key: 'topP', min: 0, max: 1, step: 0.05 },
  { key: 'topK', min: 0, max: 200, step: 1 },
  { key: 'minP', min: 0, max: 1, step: 0.01 },
  { key: 'repeatPenalty', min: 1, max: 3, step: 0.05 },
  { key: 'maxTokens', min: 1, max: 8192, step: 1 },
];

/** Per-chat sampler values, the LoRA adapter with its scale, and the persona override. */
export function ChatSettingsPanel({ characterId }: { characterId: string }) {
  const { t } = useTranslation('chat');
  const chat = useChat((s) => s.chat);
  const setSettings = useChat((s) => s.setSettings);
  const setPersona = useChat((s) => s.setPersona);
  const [adapters, setAdapters] = useState<AdapterSummary[]>([]);
  useEffect(() => {
    void adaptersByName(characterId).then(setAdapters, () => setAdapters([]));
  }, [characterId]);
  if (!chat) return null;
  const { sampler, adapter } = chat.settings;
  return (
    <section className="chat-settings" data-testid="chat-settings" aria-label={t('settings')}>
      <div className="row">
        <button type="button" onClick={() => void setSettings({ sampler: CHARACTERGLM_SAMPLER_DEFAULTS })}>{t('sampler.modelDefaults')}</button>
        <button type="button" onClick={() => void setSettings({ sampler: CHARACTERGLM_WEB_DEMO_PRESET })}>{t('sampler.webDemo')}</button>
      </div>
      <div className="settings-grid">
        {FIELDS.map((f) => (
          <label key={f.key}>
            <span>{t(`sampler.${f.key}`)}</span>
            <input
              type="number" min={f.min} max={f.max} step={f.step} value={sampler[f.key]} data-testid={`sampler-${f.key}`}
              onChange={(e) => e.target.value !== '' && void setSettings({ sampler: { [f.key]: Number(e.target.value) } })}
            />
          </label>
        ))}
        <label>
          <span>{t('sampler.seed')}</span>
          <input
            type="number" min={0} step={1} value={sampler.seed ?? ''} data-testid="sampler-seed"
            onChange={(e) => void setSettings({ sampler: { seed: e.target.value === '' ? null : Number(e.target.value) } })}
          />
        </label>
      </div>
      <label>
        <input type="checkbox" data-testid="sampler-banEos" checked={Boolean(sampler.banEos)} onChange={(e) => void setSettings({ sampler: { banEos: e.target.checked } })} />{' '}
        {t('sampler.banEos')}
      </label>
      <label className="adapter-row">
        <span>{t('adapter')}</span>
        <select
          data-testid="adapter-select" value={adapter?.name ?? ''}
          onChange={(e) => void setSettings({ adapter: e.target.value === '' ? null : { name: e.target.value, scale: adapter?.scale ?? 1 } })}
        >
          <option value="">{t('noAdapter')}</option>
          {adapters.map((a) => <option key={a.name} value={a.name}>{a.name}</option>)}
        </select>
      </label>
      {adapter && (
        <label className="adapter-row">
          <span>{t('scale', { scale: adapter.scale.toFixed(2) })}</span>
          <input type="range" min={0} max={2} step={0.05} value={adapter.scale} data-testid="adapter-scale"
            onChange={(e) => void setSettings({ adapter: { ...adapter, scale: Number(e.target.value) } })} />
        </label>
      )}
      <fieldset className="persona">
        <legend>{t('persona')}</legend>
        <input aria-label={t('personaName')} placeholder={t('personaName')} data-testid="persona-name" defaultValue={chat.persona?.name ?? ''}
          onBlur={(e) => void setPersona({ ...chat.persona, name: e.target.value || undefined })} />
        <textarea aria-label={t('personaInfo')} placeholder={t('personaInfo')} data-testid="persona-info" defaultValue={chat.persona?.info ?? ''}
          onBlur={(e) => void setPersona({ ...chat.persona, info: e.target.value || undefined })} />
        <button type="button" className="link" onClick={() => void setPersona(null)}>{t('personaReset')}</button>
      </fieldset>
    </section>
  );
}
