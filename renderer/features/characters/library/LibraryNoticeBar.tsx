import { useTranslation } from 'react-i18next';
import { useLibrary } from '../library-store';

/** What just happened in the library (deleted with undo, imported, or an error), until dismissed. */
export function LibraryNoticeBar() {
  const { t } = useTranslation('characters');
  const notice = useLibrary((s) => s.notice);
  const restore = useLibrary((s) => s.restore);
  const set = useLibrary((s) => s.set);
  if (!notice) return null;
  const text = notice.kind === 'deleted' ? t('movedToTrash', { name: notice.name }) : notice.kind === 'imported' ? t('imported', { names: notice.names }) : notice.text;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="library-notice">
      <span>{text}</span>
      {notice.kind === 'imported' && notice.warnings.length > 0 && (
        <ul className="notice-warnings" data-testid="import-warnings">
          {notice.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
      {notice.kind === 'deleted' && <button type="button" data-testid="undo-delete" onClick={() => void restore(notice.trashId)}>{t('undoDelete')}</button>}
      <button type="button" className="icon" aria-label={t('dismiss')} onClick={() => set({ notice: null })}>×</button>
    </div>
  );
}
