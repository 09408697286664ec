import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filterCorrections } from '../../../shared/chat/correction';
import type { CorrectionsView as View, DatasetExport } from '../../../shared/contract/domains/chat';
import { studio } from '../../transport/studio-client';
import { CorrectionItem } from './CorrectionItem';
import { downloadText } from './download-text';
import { errorText } from '../../app/error-text';

/** The character's corrections: filter, edit, delete, how many are ready, and export as a dataset. */
export function CorrectionsView({ characterId }: { characterId: string }) {
  const { t } = useTranslation('chat');
  const [view, setView] = useState<View | null>(null);
  const [query, setQuery] = useState('');
  const [currentOnly, setCurrentOnly] = useState(false);
  const [includeChats, setIncludeChats] = useState(false);
  const [includeCorrections, setIncludeCorrections] = useState(true);
  const [name, setName] = useState(() => `corrections-${new Date().toISOString().slice(0, 10)}`);
  const [exported, setExported] = useState<DatasetExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const guard = (work: Promise<void>): void => void work.then(() => setError(null), (e: unknown) => setError(errorText(e)));
  useEffect(() => guard(studio.chat.corrections({ characterId }).then(setView)), [characterId]);
  const shown = useMemo(() => (view ? filterCorrections(view.items, query, currentOnly ? view.currentRevision : null) : []), [view, query, currentOnly]);
  if (!view) return null;
  const exportDataset = (): void =>
    guard(studio.chat.exportDataset({ characterId, name, corrections: includeCorrections, chats: includeChats ? 'all' : 'none' }).then(setExported));
  return (
    <section className="corrections-view" data-testid="corrections-view" aria-label={t('corrections.title')}>
      <h2>{t('corrections.title')}</h2>
      <p className="muted">{t('corrections.hint')}</p>
      <p data-testid="corrections-ready" data-ready={view.ready}>{t('corrections.ready', { ready: view.ready, count: view.items.length })}</p>
      {view.problems.map((p) => <p key={p} className="notice error">{p}</p>)}
      <div className="row">
        <input type="search" aria-label={t('corrections.filter')} placeholder={t('corrections.filter')} data-testid="corrections-filter" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label><input type="checkbox" checked={currentOnly} onChange={(e) => setCurrentOnly(e.target.checked)} /> {t('corrections.currentOnly')}</label>
      </div>
      {view.items.length === 0 ? (
        <p className="empty">{t('corrections.empty')}</p>
      ) : (
        <ul className="correction-list">
          {shown.map((item) => (
            <CorrectionItem
              key={item.id}
              item={item}
              onSave={(corrected) => guard(studio.chat.editCorrection({ characterId, id: item.id, corrected }).then(setView))}
              onDelete={() => guard(studio.chat.deleteCorrection({ characterId, id: item.id }).then(setView))}
            />
          ))}
        </ul>
      )}
      <fieldset className="export-box">
        <legend>{t('corrections.export')}</legend>
        <label><span>{t('corrections.exportName')}</span><input data-testid="export-name" value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label><input type="checkbox" data-testid="export-corrections" checked={includeCorrections} onChange={(e) => setIncludeCorrections(e.target.checked)} /> {t('corrections.includeCorrections')}</label>
        <label><input type="checkbox" data-testid="export-chats" checked={includeChats} onChange={(e) => setIncludeChats(e.target.checked)} /> {t('corrections.includeChats')}</label>
        <button type="button" className="primary" data-testid="export-dataset" onClick={exportDataset}>{t('corrections.export')}</button>
        {exported && (
          <p data-testid="export-result" data-lines={exported.lines}>
            {t('corrections.exported', { lines: exported.lines, file: exported.file })}{' '}
            <button type="button" className="link" onClick={() => downloadText(exported.content, `${exported.name}.jsonl`, 'application/jsonl')}>{t('corrections.download')}</button>
          </p>
        )}
      </fieldset>
      {error && <p className="notice error" role="alert">{error}</p>}
    </section>
  );
}
