import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePacks } from './packs-store';

/** Whole-library backup to one archive, and restore from one. */
export function BackupPanel() {
  const { t } = useTranslation('packs');
  const input = useRef<HTMLInputElement>(null);
  const busy = usePacks((s) => s.busy);
  const backup = usePacks((s) => s.backup);
  const restore = usePacks((s) => s.restore);
  return (
    <section className="packs-panel">
      <h2>{t('backup.heading')}</h2>
      <p className="empty">{t('backup.text')}</p>
      <div className="actions">
        <button type="button" disabled={busy !== null} data-testid="packs-backup" onClick={() => void backup()}>
          {t('backup.create')}
        </button>
        <button type="button" disabled={busy !== null} data-testid="packs-restore" onClick={() => input.current?.click()}>
          {t('backup.restore')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".zip,application/zip"
          hidden
          data-testid="packs-restore-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void restore(file);
          }}
        />
      </div>
    </section>
  );
}
