import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/contract/domains/app';
import {
  CONTEXT_SIZE_MAX, CONTEXT_SIZE_MIN, GPU_MEMORY_LIMIT_MAX_MIB, GPU_MEMORY_LIMIT_MIN_MIB, type Language,
} from '../../../shared/settings/settings';
import { studio } from '../../transport/studio-client';
import { CountField } from './CountField';
import { EngineSettings } from './EngineSettings';
import { HubSettings } from './HubSettings';
import { useSettings } from './settings-store';

/** What "A number" of GPU layers starts at: about half of a 6B model's 29. */
const DEFAULT_LAYER_COUNT = 16;
/** What a fixed context size starts at: CharacterGLM-6B's window in the studio's default. */
const DEFAULT_CONTEXT_TOKENS = 4096;
/** What a GPU memory limit starts at: a 6B model at Q4_K_M with its chats fits in 6 GiB. */
const DEFAULT_GPU_MEMORY_LIMIT_MIB = 6144;

/** Language, GPU and thread preferences, the model hub, and where the data lives. */
export function SettingsView() {
  const { t } = useTranslation('settings');
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const [info, setInfo] = useState<AppInfo | null>(null);
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
      <EngineSettings />
      <label className="field">
        <span>{t('gpu')}</span>
        <select value={settings.gpu} onChange={(e) => void update({ gpu: e.target.value as 'auto' | 'off' })}>
          <option value="auto">{t('gpuModes.auto')}</option>
          <option value="off">{t('gpuModes.off')}</option>
        </select>
        <small>{t('gpuNote')}</small>
      </label>
      <CountField
        label={t('gpuLayers')}
        note={t('gpuLayersNote')}
        testId="gpu-layers"
        modes={[
          { value: 'auto', label: t('gpuLayersModes.auto') },
          { value: 'max', label: t('gpuLayersModes.max') },
          { value: 'count', label: t('gpuLayersModes.count') },
        ]}
        value={settings.gpuLayers}
        initialCount={DEFAULT_LAYER_COUNT}
        min={0}
        max={999}
        disabled={settings.gpu === 'off'}
        onChange={(gpuLayers) => void update({ gpuLayers })}
      />
      <CountField
        label={t('gpuMemoryLimit')}
        note={t('gpuMemoryLimitNote')}
        testId="gpu-memory-limit"
        modes={[
          { value: 'all', label: t('gpuMemoryLimitModes.all') },
          { value: 'count', label: t('gpuMemoryLimitModes.count') },
        ]}
        value={settings.gpuMemoryLimitMiB ?? 'all'}
        initialCount={DEFAULT_GPU_MEMORY_LIMIT_MIB}
        min={GPU_MEMORY_LIMIT_MIN_MIB}
        max={GPU_MEMORY_LIMIT_MAX_MIB}
        step={256}
        unit="MiB"
        disabled={settings.gpu === 'off'}
        onChange={(limit) => void update({ gpuMemoryLimitMiB: limit === 'all' ? null : limit })}
      />
      <CountField
        label={t('contextSize')}
        note={t('contextSizeNote')}
        testId="context-size"
        modes={[
          { value: 'auto', label: t('contextSizeModes.auto') },
          { value: 'count', label: t('contextSizeModes.count') },
        ]}
        value={settings.contextSize}
        initialCount={DEFAULT_CONTEXT_TOKENS}
        min={CONTEXT_SIZE_MIN}
        max={CONTEXT_SIZE_MAX}
        step={256}
        unit={t('tokensUnit')}
        onChange={(contextSize) => void update({ contextSize })}
      />
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
      <HubSettings />
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
