import { useTranslation } from 'react-i18next';
import { useLibrary } from '../library-store';

/** Deleted characters, newest first, with restore and delete-forever. */
export function TrashList() {
  const { t, i18n } = useTranslation('characters');
  const trash = useLibrary((s) => s.trash);
  const restore = useLibrary((s) => s.restore);
  const purge = useLibrary((s) => s.purge);
  const setView = useLibrary((s) => s.set);
  const when = (iso: string): string => new Date(iso).toLocaleString(i18n.language);
  return (
    <div className="trash" data-testid="trash-list">
      <button type="button" className="link" onClick={() => setView({ showTrash: false })}>← {t('backToLibrary')}</button>
      <h2>{t('trashHeading')}</h2>
      <p className="cfield-hint">{t('trashNote')}</p>
      {trash.length === 0 && <p className="empty">{t('trashEmpty')}</p>}
      <ul className="character-list">
        {trash.map((entry) => (
          <li key={entry.trashId} className="trash-row" data-testid="trash-row" data-trash-id={entry.trashId}>
            <span className="row-name">{entry.name}</span>
            <small className="cfield-hint">{t('deletedAt', { when: when(entry.deletedAt) })}</small>
            <div className="actions">
              <button type="button" data-testid="restore" onClick={() => void restore(entry.trashId)}>{t('restore')}</button>
              <button type="button" className="danger" data-testid="purge" onClick={() => void purge(entry.trashId)}>{t('purge')}</button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
