import { useTranslation } from 'react-i18next';
import { useLibrary } from '../library-store';

/** Shown in place of the editor while the library is empty: the three ways to begin. */
export function EmptyLibrary() {
  const { t } = useTranslation('characters');
  const examples = useLibrary((s) => s.examples);
  const createBlank = useLibrary((s) => s.createBlank);
  const createFromExample = useLibrary((s) => s.createFromExample);
  return (
    <section className="empty-library" data-testid="empty-library">
      <h1>{t('empty.title')}</h1>
      <p>{t('empty.body')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void createBlank(t('blankName'))}>{t('newBlank')}</button>
        {examples.map((e) => (
          <button key={e.exampleId} type="button" onClick={() => void createFromExample(e.exampleId)}>{e.name}</button>
        ))}
      </div>
    </section>
  );
}
