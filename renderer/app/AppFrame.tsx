import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBar } from '../features/runtime/StatusBar';
import { SECTIONS, useRoute } from './route-store';

/** Navigation rail, the current section, and the status bar. */
export function AppFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation('app');
  const section = useRoute((s) => s.section);
  const go = useRoute((s) => s.go);
  return (
    <div className="app">
      <nav className="nav" aria-label={t('title')}>
        <div className="brand">{t('title')}</div>
        {SECTIONS.map((s) => (
          <button key={s} type="button" className={s === section ? 'active' : ''} aria-current={s === section ? 'page' : undefined} data-testid={`nav-${s}`} onClick={() => go(s)}>
            {t(`nav.${s}`)}
          </button>
        ))}
      </nav>
      <main className="main">{children}</main>
      <StatusBar />
    </div>
  );
}
