import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteCheck } from '../../../shared/contract/domains/runtime';
import { remoteUrlSchema } from '../../../shared/runtime/remote-url';
import { studio } from '../../transport/studio-client';
import { SecretForm } from './SecretForm';
import { useSettings } from './settings-store';
import { errorText } from '../../app/error-text';

/**
 * Settings → Runtime: replies from the model loaded here, or from an OpenAI-compatible server (llama-server,
 * vLLM) with its address, model name and API key. The key is write-only: the page can set or forget it,
 * never read it back. "Check" asks the server what it serves.
 */
export function EngineSettings() {
  const { t } = useTranslation('settings');
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const [url, setUrl] = useState(settings?.remoteUrl ?? '');
  const [model, setModel] = useState(settings?.remoteModel ?? '');
  const [hasKey, setHasKey] = useState<boolean | null>(null);
  const [check, setCheck] = useState<RemoteCheck | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void studio.settings.remoteKey({}).then((view) => setHasKey(view.hasApiKey), (error: unknown) => setProblem(errorText(error)));
  }, []);
  if (!settings) return null;
  const urlCheck = remoteUrlSchema.safeParse(url);
  const changed = urlCheck.success && (urlCheck.data !== settings.remoteUrl || model.trim() !== settings.remoteModel);
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setProblem(null);
    setCheck(null);
    try {
      await work();
      return true;
    } catch (error) {
      setProblem(errorText(error));
      return false;
    }
  };
  return (
    <fieldset className="field engine-settings" data-testid="engine-settings">
      <legend>{t('engine.heading')}</legend>
      <label className="field">
        <span>{t('engine.mode')}</span>
        <select data-testid="engine-mode" value={settings.engine} onChange={(e) => void run(() => update({ engine: e.target.value as 'local' | 'remote' }))}>
          <option value="local">{t('engine.modes.local')}</option>
          <option value="remote">{t('engine.modes.remote')}</option>
        </select>
      </label>
      {settings.engine === 'remote' && (
        <>
          <form className="hub-form" onSubmit={(e) => {
            e.preventDefault();
            if (changed) void run(() => update({ remoteUrl: urlCheck.data, remoteModel: model.trim() }));
          }}>
            <label className="field">
              <span>{t('engine.url')}</span>
              <input data-testid="remote-url" value={url} placeholder="http://192.168.1.20:8080/v1" onChange={(e) => setUrl(e.target.value)} />
              {url.trim() !== '' && !urlCheck.success && <small className="error">{t('engine.urlInvalid')}</small>}
            </label>
            <label className="field">
              <span>{t('engine.model')}</span>
              <input data-testid="remote-model" value={model} placeholder={t('engine.modelPlaceholder')} onChange={(e) => setModel(e.target.value)} />
            </label>
            <div className="actions">
              <button type="submit" data-testid="remote-save" disabled={!changed}>{t('hub.save')}</button>
            </div>
          </form>
          <SecretForm
            label={t('engine.key')}
            testId="remote-key"
            forgetLabel={t('engine.forgetKey')}
            canForget={hasKey === true}
            onSave={(key) => run(async () => setHasKey((await studio.settings.setRemoteKey({ key })).hasApiKey))}
            onForget={() => run(async () => setHasKey((await studio.settings.setRemoteKey({ key: null })).hasApiKey))}
          />
          <small data-testid="remote-key-state">{t(hasKey ? 'engine.keySet' : 'engine.noKey')}</small>
          <div className="actions">
            <button type="button" data-testid="remote-check" disabled={!settings.remoteUrl} onClick={() => void run(async () => setCheck(await studio.runtime.checkRemote({})))}>
              {t('engine.check')}
            </button>
          </div>
          {check && (
            <p data-testid="remote-check-result">
              {t('engine.checked', {
                url: check.url,
                models: check.models.join(', ') || '—',
                context: String(check.contextSize ?? '?'),
                adapters: check.adapters === null ? t('engine.noAdapterList') : check.adapters.join(', ') || t('engine.noAdapters'),
              })}
            </p>
          )}
          <small>{t('engine.note')}</small>
        </>
      )}
      {problem && <p className="error" role="alert" data-testid="engine-problem">{problem}</p>}
    </fieldset>
  );
}
