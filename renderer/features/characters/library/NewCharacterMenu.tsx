import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibrary } from '../library-store';

/** "New character": a blank one (named in the UI language) or one of the bundled examples. */
export function NewCharacterMenu() {
  const { t } = useTranslation('characters');
  const examples = useLibrary((s) => s.examples);
  const createBlank = useLibrary((s) => s.createBlank);
  const createFromExample = useLibrary((s) => s.createFromExample);
  const menu = useRef<HTMLDetailsElement>(null);
  const close = (): void => menu.current?.removeAttribute('open');
  return (
    <details className="menu" ref={menu}>
      <summary className="button primary" data-testid="new-character">{t('newCharacter')}</summary>
      <div className="menu-items" role="menu">
        <button type="button" role="menuitem" data-testid="new-blank" onClick={() => { close(); void createBlank(t('blankName')); }}>
          {t('newBlank')}
        </button>
        <div className="menu-label">{t('newFromExample')}</div>
        {examples.map((e) => (
          <button key={e.exampleId} type="button" role="menuitem" data-testid={`new-example-${e.exampleId}`} onClick={() => { close(); void createFromExample(e.exampleId); }}>
            {e.name} <span className="badge">{t(`languages.${e.language}`)}</span>
          </button>
        ))}
      </div>
    </details>
  );
}
