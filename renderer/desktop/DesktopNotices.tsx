import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { connectDesktop, useDesktop } from './desktop-store';
import './desktop.css';

/** Connects menu commands and opened files, and shows their outcome as dismissible notices. */
export function DesktopNotices() {
  const { t } = useTranslation('desktop');
  const notices = useDesktop((s) => s.notices);
  const dismiss = useDesktop((s) => s.dismiss);
  useEffect(() => connectDesktop(), []);
  if (notices.length === 0) return null;
  return (
    <div className="desktop-notices" data-testid="desktop-notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`desktop-notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" aria-label={t('dismiss')} onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
