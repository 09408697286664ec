import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupPanel } from './BackupPanel';
import { ExportTable } from './ExportTable';
import { ImportPanel } from './ImportPanel';
import { OmittedLines } from './OmittedLines';
import { usePacks, type Notice } from './packs-store';
import './packs.css';
import { useCharacters } from '../characters/characters-store';

function NoticeLine({ notice }: { notice: Notice }) {
  const { t } = useTranslation('packs');
  if (notice.kind === 'error') return <p className="error" role="alert" data-testid="packs-notice">{notice.message}</p>;
  if (notice.kind === 'backup') return <p className="ok" data-testid="packs-notice">{t('backup.created', { file: notice.fileName, count: notice.count })}</p>;
  if (notice.kind === 'restored') return <p className="ok" data-testid="packs-notice">{t('backup.restored', { count: notice.names.length, names: notice.names.join(', ') })}</p>;
  return (
    <div data-testid="packs-notice">
      <p className="ok">{t('export.done', { file: notice.fileName })}</p>
      {notice.leftOut.length > 0 && <p className="empty">{t('export.leftOut', { files: notice.leftOut.join(', ') })}</p>}
      <OmittedLines format={notice.format} omitted={notice.omitted} />
      {notice.warnings.map((w) => (
        <p key={w} className="empty">{w}</p>
      ))}
    </div>
  );
}

/** The Packs section: import cards and packs, export each character, back up the library. */
export function PacksView() {
  const { t } = useTranslation('packs');
  const refresh = useCharacters((s) => s.refresh);
  const notice = usePacks((s) => s.notice);
  const busy = usePacks((s) => s.busy);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <section className="page packs">
      <h1>{t('heading')}</h1>
      <ImportPanel />
      <ExportTable />
      {busy && busy !== 'backup' && busy !== 'restore' && <p className="empty" aria-live="polite">{t('export.busy', { name: busy })}</p>}
      {(busy === 'backup' || busy === 'restore') && <p className="empty" aria-live="polite">{t('backup.busy')}</p>}
      {notice && <NoticeLine notice={notice} />}
      <BackupPanel />
    </section>
  );
}
