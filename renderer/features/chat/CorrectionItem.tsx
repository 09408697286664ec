import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Correction } from '../../../shared/chat/correction';

/** One correction: the context, what the model said, what the writer wrote (editable), and delete. */
export function CorrectionItem({ item, onSave, onDelete }: { item: Correction; onSave: (text: string) => void; onDelete: () => void }) {
  const { t } = useTranslation('chat');
  const [draft, setDraft] = useState<string | null>(null);
  const lastTurns = item.context.slice(-2);
  return (
    <li className="correction" data-testid="correction-item">
      <div className="muted">
        {new Date(item.at).toLocaleString()} · {t('corrections.revision', { revision: item.characterRevision })}
      </div>
      {lastTurns.length > 0 && (
        <div className="correction-context">
          <span className="label">{t('corrections.context')}</span>
          {lastTurns.map((turn, i) => (
            <p key={i}>[{turn.speaker === 'user' ? item.userName : item.botName}] {turn.text}</p>
          ))}
        </div>
      )}
      <div><span className="label">{t('corrections.original')}</span><p className="original">{item.original}</p></div>
      <div>
        <span className="label">{t('corrections.corrected')}</span>
        {draft === null ? (
          <p className="corrected" data-testid="correction-corrected">{item.corrected}</p>
        ) : (
          <textarea aria-label={t('corrections.corrected')} data-testid="correction-edit-input" value={draft} onChange={(e) => setDraft(e.target.value)} />
        )}
      </div>
      <div className="row">
        {draft === null ? (
          <button type="button" className="link" data-testid="correction-edit" onClick={() => setDraft(item.corrected)}>{t('edit')}</button>
        ) : (
          <>
            <button type="button" className="primary" data-testid="correction-save" onClick={() => { onSave(draft); setDraft(null); }}>{t('save')}</button>
            <button type="button" onClick={() => setDraft(null)}>{t('cancel')}</button>
          </>
        )}
        <button type="button" className="link danger" data-testid="correction-delete" onClick={onDelete}>{t('delete')}</button>
      </div>
    </li>
  );
}
