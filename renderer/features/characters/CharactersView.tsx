import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from '../../app/route-store';
import './characters.css';
import { CharacterEditor } from './editor/CharacterEditor';
import { EmptyLibrary } from './library/EmptyLibrary';
import { LibraryPane } from './library/LibraryPane';
import { useLibrary } from './library-store';
import { useCharacters } from './characters-store';

/** The Characters section: the library on the left, the open character's editor beside it. */
export function CharactersView() {
  const { t } = useTranslation('characters');
  const id = useRoute((s) => s.rest[0]);
  const summaries = useCharacters((s) => s.list);
  const refresh = useLibrary((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const empty = summaries !== null && summaries.length === 0;
  return (
    <div className="characters-view">
      <LibraryPane />
      <div className="characters-content">
        {id ? <CharacterEditor key={id} id={id} /> : empty ? <EmptyLibrary /> : <p className="empty pick-one">{t('pickOne')}</p>}
      </div>
    </div>
  );
}
