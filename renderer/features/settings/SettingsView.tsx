import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/contract/domains/app';
import type { Language } from '../../../shared/settings/settings';
import { studio } from '../../transport/studio-client';
import { useSettings } from './settings-store';

/** What "A number" of GPU layers starts at: about half of a 6B model's 29. */
const DEFAULT_LAYER_COUNT = 16;

/** Language, GPU and thread preferences, and where the data lives. */
export function SettingsView() {
  const { t } = useTranslation('settings');
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [layersDraft, setLayersDraft] = useState<string | null>(null);
  useEffect(() => {
    void studio.app.info({}).then(setInfo);
  }, []);
  if (!settings) return null;
  return (
    <section className="page settings">
      <h1>{t('heading')}</h1>
      <label className="field">
        <span>{t('language')}</span>
        <select data-testid="language-select" value={settings.language} onChange={(e) => void update({ language: e.target.value as Language })}>
          {(['system', 'zh-CN', 'en'] as const).map((l) => (
            <option key={l} value={l}>{t(`languages.${l}`)}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('gpu')}</span>
        <select value={settings.gpu} onChange={(e) => void update({ gpu: e.target.value as 'auto' | 'off' })}>
          <option value="auto">{t('gpuModes.auto')}</option>
          <option value="off">{t('gpuModes.off')}</option>
        </select>
        <small>{t('gpuNote')}</small>
      </label>
      <label className="field">
        <span>{t('gpuLayers')}</span>
        <select
          data-testid="gpu-layers-mode"
          value={typeof settings.gpuLayers === 'number' ? 'count' : settings.gpuLayers}
          disabled={settings.gpu === 'off'}
          onChange={(e) => void update({ gpuLayers: e.target.value === 'count' ? DEFAULT_LAYER_COUNT : (e.target.value as 'auto' | 'max') })}
        >
          <option value="auto">{t('gpuLayersModes.auto')}</option>
          <option value="max">{t('gpuLayersModes.max')}</option>
          <option value="count">{t('gpuLayersModes.count')}</option>
        </select>
        {typeof settings.gpuLayers === 'number' && (
          <input
            type="number"
            data-testid="gpu-layers-count"
            aria-label={t('gpuLayersModes.count')}
            min={0}
            max={999}
            value={layersDraft ?? settings.gpuLayers}
            disabled={settings.gpu === 'off'}
            onChange={(e) => {
              // the field may be empty while a number is typed: only a whole number is stored
              setLayersDraft(e.target.value);
              if (/^\d+$/.test(e.target.value)) void update({ gpuLayers: Math.min(999, Number(e.target.value)) });
            }}
            onBlur={() => setLayersDraft(null)}
          />
        )}
        <small>{t('gpuLayersNote')}</small>
      </label>
      <label className="field">
        <span>{t('threads')}</span>
        <input
          type="number"
          min={1}
          max={256}
          placeholder={t('threadsAuto')}
          value={settings.threads ?? ''}
          onChange={(e) => void update({ threads: e.target.value === '' ? null : Math.max(1, Math.round(Number(e.target.value))) })}
        />
        <small>{t('gpuNote')}</small>
      </label>
      {info && (
        <dl className="facts">
          <dt>{t('dataDir')}</dt>
          <dd data-testid="data-dir">{info.dataDir}</dd>
          <dt>{t('version')}</dt>
          <dd>{info.version}</dd>
        </dl>
      )}
    </section>
  );
}
