import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A write-only secret (the hub's token, a remote server's API key): typed, saved, forgotten — never shown
 * back, since the page never receives it.
 */
export function SecretForm(props: {
  label: string;
  testId: string;
  forgetLabel: string;
  /** Whether a stored secret exists to forget. */
  canForget: boolean;
  /** Resolves true once stored (the field then empties), false when refused (the typed text stays). */
  onSave: (secret: string) => Promise<boolean>;
  onForget: () => Promise<unknown>;
}) {
  const { t } = useTranslation('settings');
  const [secret, setSecret] = useState('');
  return (
    <form className="hub-form" onSubmit={(e) => {
      e.preventDefault();
      if (secret.trim()) void props.onSave(secret).then((stored) => stored && setSecret(''));
    }}>
      <label className="field">
        <span>{props.label}</span>
        <input data-testid={props.testId} type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" data-testid={`${props.testId}-save`} disabled={!secret.trim()}>{t('hub.save')}</button>
        <button type="button" disabled={!props.canForget} onClick={() => void props.onForget()}>{props.forgetLabel}</button>
      </div>
    </form>
  );
}
