import { useTranslation } from 'react-i18next';
import { queryCharacters, tagCounts } from '../../../../shared/character/character-summary';
import { useRoute } from '../../../app/route-store';
import { useLibrary } from '../library-store';
import { useCharacters } from '../characters-store';

/** Search, tag filter, sort, and the characters themselves (problem folders included, marked). */
export function CharacterList() {
  const { t } = useTranslation('characters');
  const summaries = useCharacters((s) => s.list) ?? [];
  const { search, tag, sort } = useLibrary();
  const setFilter = useLibrary((s) => s.set);
  const selected = useRoute((s) => s.rest[0]);
  const go = useRoute((s) => s.go);
  const rows = queryCharacters(summaries, { search, tag: tag ?? undefined, sort });
  const tags = tagCounts(summaries);
  return (
    <>
      <input type="search" className="library-search" placeholder={t('search')} aria-label={t('search')} value={search} data-testid="character-search" onChange={(e) => setFilter({ search: e.target.value })} />
      <div className="library-filters">
        <select aria-label={t('allTags')} value={tag ?? ''} data-testid="tag-filter" onChange={(e) => setFilter({ tag: e.target.value || null })}>
          <option value="">{t('allTags')}</option>
          {tags.map(({ tag: name, count }) => <option key={name} value={name}>{`${name} (${count})`}</option>)}
        </select>
        <select aria-label={t('sort.label')} value={sort} data-testid="sort" onChange={(e) => setFilter({ sort: e.target.value as 'modified' | 'name' })}>
          <option value="modified">{t('sort.modified')}</option>
          <option value="name">{t('sort.name')}</option>
        </select>
      </div>
      {rows.length === 0 && summaries.length > 0 && <p className="empty">{t('noMatch')}</p>}
      <ul className="character-list" data-testid="character-list">
        {rows.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className={`character-row${c.id === selected ? ' active' : ''}${c.problem ? ' problem' : ''}`}
              aria-current={c.id === selected ? 'true' : undefined}
              data-testid="character-row"
              data-character-id={c.id}
              onClick={() => go('characters', c.id)}
            >
              <span className="row-name">{c.name}{c.nickname && <span className="row-nick"> · {c.nickname}</span>}</span>
              {c.problem
                ? <span className="row-problem" title={c.problem}>⚠ {t('problemRow')}</span>
                : c.tags.length > 0 && <span className="row-tags">{c.tags.join(' · ')}</span>}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
