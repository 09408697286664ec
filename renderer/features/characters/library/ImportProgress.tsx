import { useTranslation } from 'react-i18next';
import { useLibrary } from '../library-store';

/** The file being imported: how much of it has gone up, then that the studio is reading it. */
export function ImportProgress() {
  const { t } = useTranslation('characters');
  const importing = useLibrary((s) => s.importing);
  if (!importing) return null;
  const percent = Math.floor(importing.sent * 100);
  const label = importing.sent < 1 ? t('importing.sending', { file: importing.file, percent }) : t('importing.reading', { file: importing.file });
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      <progress max={100} value={percent} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
