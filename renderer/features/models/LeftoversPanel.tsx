import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../shared/text/format-bytes';
import { useModels } from './models-store';

/** What unfinished downloads left in the models folder: resume a get where it stopped, or clean it all up. */
export function LeftoversPanel() {
  const { t } = useTranslation('models');
  const leftovers = useModels((s) => s.leftovers);
  const loadLeftovers = useModels((s) => s.loadLeftovers);
  const cleanUp = useModels((s) => s.cleanUp);
  const get = useModels((s) => s.get);
  const running = useModels((s) => Boolean(s.job) || s.busy);
  useEffect(() => void loadLeftovers(), [loadLeftovers]);
  if (!leftovers || leftovers.items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="leftovers-heading" data-testid="leftovers">
      <h2 id="leftovers-heading">{t('leftovers.heading')}</h2>
      <ul>
        {leftovers.items.map((item) => (
          <li key={item.kind === 'get' ? `${item.repo}@${item.revision}` : item.file} className="actions">
            {item.kind === 'get' ? (
              <>
                <span>{t('leftovers.get', { repo: item.repo, revision: item.revision, quant: item.quant, size: formatBytes(item.bytes) })}</span>
                {!item.running && (
                  <button type="button" data-testid="leftover-resume" disabled={running}
                    onClick={() => void get({ repo: item.repo, revision: item.revision, quant: item.quant, keepCheckpoint: item.keepCheckpoint })}>
                    {t('leftovers.resume')}
                  </button>
                )}
              </>
            ) : (
              <span>{t('leftovers.download', { file: item.file, size: formatBytes(item.bytes) })}</span>
            )}
          </li>
        ))}
      </ul>
      <button type="button" data-testid="models-clean-up" disabled={running} onClick={() => void cleanUp()}>
        {t('leftovers.cleanUp', { size: formatBytes(leftovers.bytes) })}
      </button>
    </section>
  );
}
