import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubAccessView } from '../../../shared/contract/domains/settings';
import { hubEndpointSchema } from '../../../shared/models/hub-repo';
import { studio } from '../../transport/studio-client';
import { SecretForm } from './SecretForm';
import { useSettings } from './settings-store';
import { errorText } from '../../app/error-text';

/**
 * Settings → Model hub: a mirror to fetch models from, and a token for gated or private repositories.
 * The token is write-only: the page can set or forget it, never read it back.
 */
export function HubSettings() {
  const { t } = useTranslation('settings');
  const stored = useSettings((s) => s.settings?.hubEndpoint ?? null);
  const update = useSettings((s) => s.update);
  const [access, setAccess] = useState<HubAccessView | null>(null);
  const [mirror, setMirror] = useState(stored ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void studio.settings.hubAccess({}).then(setAccess, (error: unknown) => setProblem(errorText(error)));
  }, [stored]);
  const mirrorCheck = hubEndpointSchema.safeParse(mirror);
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setProblem(null);
    try {
      await work();
      setAccess(await studio.settings.hubAccess({}));
      return true;
    } catch (error) {
      setProblem(errorText(error));
      return false;
    }
  };
  return (
    <fieldset className="field hub-settings" data-testid="hub-settings">
      <legend>{t('hub.heading')}</legend>
      <form className="hub-form" onSubmit={(e) => {
        e.preventDefault();
        if (mirrorCheck.success && mirrorCheck.data !== stored) void run(() => update({ hubEndpoint: mirrorCheck.data }));
      }}>
        <label className="field">
          <span>{t('hub.mirror')}</span>
          <input data-testid="hub-mirror" value={mirror} placeholder="https://hf-mirror.com" onChange={(e) => setMirror(e.target.value)} />
          {mirror.trim() !== '' && !mirrorCheck.success && <small className="error">{t('hub.mirrorInvalid')}</small>}
        </label>
        <div className="actions">
          <button type="submit" data-testid="hub-mirror-save" disabled={!mirrorCheck.success || mirrorCheck.data === stored}>{t('hub.save')}</button>
          <button type="button" disabled={stored === null} onClick={() => void run(async () => { await update({ hubEndpoint: null }); setMirror(''); })}>{t('hub.useHub')}</button>
        </div>
      </form>
      <SecretForm
        label={t('hub.token')}
        testId="hub-token"
        forgetLabel={t('hub.forgetToken')}
        canForget={access?.tokenFrom === 'settings'}
        onSave={(token) => run(() => studio.settings.setHubToken({ token }))}
        onForget={() => run(() => studio.settings.setHubToken({ token: null }))}
      />
      {access && (
        <small data-testid="hub-access">
          {t(`hub.endpointFrom.${access.endpointFrom}`, { endpoint: access.endpoint })} {t(`hub.tokenFrom.${access.tokenFrom ?? 'none'}`)}
        </small>
      )}
      <small>{t('hub.note')}</small>
      {problem && <p className="error" role="alert">{problem}</p>}
    </fieldset>
  );
}
