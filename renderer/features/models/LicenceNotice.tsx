import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelLicence } from '../../../shared/models/model-licence';
import { useModels } from './models-store';

/** A model licence shown before its weights are downloaded or converted, with the accept step. */
export function LicenceNotice({ licence, accepted }: { licence: ModelLicence; accepted: boolean }) {
  const { t, i18n } = useTranslation('models');
  const acceptLicence = useModels((s) => s.acceptLicence);
  const busy = useModels((s) => s.busy);
  // The box stays in the page, ticked from the click on: swapping it for the badge while the accept
  // call ran left a test (and a screen reader) holding an element that was gone.
  const [ticked, setTicked] = useState(false);
  const accept = async () => {
    setTicked(true);
    await acceptLicence(licence.id);
    if (!useModels.getState().error) return;
    setTicked(false);
  };
  const summary = i18n.language === 'zh-CN' ? licence.summary['zh-CN'] : licence.summary.en;
  return (
    <div className="licence" data-testid="licence-notice" data-licence={licence.id}>
      <h3>{t('licence.heading', { title: licence.title })}</h3>
      {!licence.commercialUse && <p><strong>{t('licence.nonCommercial')}</strong></p>}
      <p>{summary}</p>
      <p><a href={licence.url} target="_blank" rel="noreferrer">{t('licence.read')}</a></p>
      {licence.text && (
        <details>
          <summary>{t('licence.fileText')}</summary>
          <pre className="licence-text">{licence.text}</pre>
        </details>
      )}
      <label><input type="checkbox" data-testid="licence-accept" checked={accepted || ticked} disabled={busy || accepted} onChange={(e) => e.target.checked && void accept()} /> {t('licence.accept')}</label>
      {accepted && <p className="badge" data-testid="licence-accepted">{t('licence.accepted')}</p>}
    </div>
  );
}
