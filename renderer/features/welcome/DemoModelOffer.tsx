import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useModels } from '../models/models-store';
import { useSettings } from '../settings/settings-store';

/** Shown while no model is installed (and chat is not on a remote server): one click installs the tiny demo model and loads it. */
export function DemoModelOffer() {
  const { t } = useTranslation('models');
  const models = useModels((s) => s.models);
  const busy = useModels((s) => s.busy);
  const error = useModels((s) => s.error);
  const installDemo = useModels((s) => s.installDemo);
  const remote = useSettings((s) => s.settings?.engine === 'remote');
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || remote || models === null || models.length > 0) return null;
  return (
    <section className="offer" aria-labelledby="demo-offer-title" data-testid="demo-offer">
      <h2 id="demo-offer-title">{t('demo.title')}</h2>
      <p>{t('demo.body')}</p>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void installDemo()}>
          {busy ? t('demo.installing') : t('demo.install')}
        </button>
        <button type="button" onClick={() => setDismissed(true)}>{t('demo.later')}</button>
      </div>
    </section>
  );
}
