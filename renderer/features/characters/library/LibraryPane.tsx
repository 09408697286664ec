import { useTranslation } from 'react-i18next';
import { useLibrary } from '../library-store';
import { CharacterList } from './CharacterList';
import { ImportButton } from './ImportButton';
import { ImportProgress } from './ImportProgress';
import { LibraryNoticeBar } from './LibraryNoticeBar';
import { NewCharacterMenu } from './NewCharacterMenu';
import { TrashList } from './TrashList';

/** The left column: new/import, the list with search, and the trash. */
export function LibraryPane() {
  const { t } = useTranslation('characters');
  const showTrash = useLibrary((s) => s.showTrash);
  const trashCount = useLibrary((s) => s.trash.length);
  const setView = useLibrary((s) => s.set);
  return (
    <nav className="library-pane" aria-label={t('heading')}>
      <div className="library-actions">
        <NewCharacterMenu />
        <ImportButton />
      </div>
      <ImportProgress />
      <LibraryNoticeBar />
      {showTrash ? <TrashList /> : <CharacterList />}
      {!showTrash && (
        <button type="button" className="link trash-button" data-testid="open-trash" onClick={() => setView({ showTrash: true })}>
          {t('trashButton', { count: trashCount })}
        </button>
      )}
    </nav>
  );
}
