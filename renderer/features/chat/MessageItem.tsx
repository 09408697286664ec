import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../shared/chat/chat-state';

interface Props {
  message: ChatMessage;
  speaker: string;
  isLast: boolean;
  busy: boolean;
  onSwipe: (swipe: number) => void;
  onEdit: (text: string) => Promise<boolean>;
  onDelete: () => void;
  onBranch: () => void;
  onRegenerate: () => void;
  onContinue: () => void;
  /** Pins the message's text as a fact of the chat; `pinned` when it already is. */
  onPin?: () => void;
  pinned?: boolean;
}

/** One message: its active swipe (← n/N →), status, and the actions a writer takes on it. */
export function MessageItem({ message, speaker, isLast, busy, onSwipe, onEdit, onDelete, onBranch, onRegenerate, onContinue, onPin, pinned }: Props) {
  const { t } = useTranslation('chat');
  const tm = useTranslation('memory').t;
  const swipe = message.swipes[message.active];
  const [draft, setDraft] = useState<string | null>(null);
  if (!swipe) return null;
  const total = message.swipes.length;
  const isCharacter = message.role === 'character';
  const save = async (): Promise<void> => {
    if (draft !== null && (await onEdit(draft))) setDraft(null);
  };
  return (
    <li className={`message ${message.role}`} data-testid="message" data-role={message.role} data-status={swipe.status} data-message-id={message.id} data-speaker={message.speaker}>
      <div className="message-head">
        <span className="speaker" data-testid="message-speaker">{speaker}</span>
        {swipe.status !== 'done' && <span className={`message-status ${swipe.status}`} data-testid="message-status">{t(`status.${swipe.status}`)}</span>}
        {swipe.edited && <span className="message-status">{t('status.edited')}</span>}
        {isCharacter && total > 1 && (
          <span className="swipes">
            <button type="button" className="icon" aria-label={t('previous')} data-testid="swipe-prev" disabled={busy || message.active === 0} onClick={() => onSwipe(message.active - 1)}>←</button>
            <span data-testid="swipe-count">{t('swipeCount', { current: message.active + 1, total })}</span>
            <button type="button" className="icon" aria-label={t('next')} data-testid="swipe-next" disabled={busy || message.active >= total - 1} onClick={() => onSwipe(message.active + 1)}>→</button>
          </span>
        )}
      </div>
      {draft === null ? (
        <div className="message-text" data-testid="message-text">{swipe.text}</div>
      ) : (
        <div className="message-edit">
          <textarea
            aria-label={t('edit')}
            data-testid="message-edit-input"
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
              if (e.key === 'Escape') setDraft(null);
            }}
          />
          <div className="row">
            <button type="button" className="primary" data-testid="message-edit-save" onClick={() => void save()}>{t('save')}</button>
            <button type="button" onClick={() => setDraft(null)}>{t('cancel')}</button>
          </div>
        </div>
      )}
      {draft === null && !busy && swipe.status !== 'streaming' && (
        <div className="message-actions">
          <button type="button" className="link" data-testid="message-edit" onClick={() => setDraft(swipe.text)}>{t('edit')}</button>
          <button type="button" className="link" data-testid="message-branch" onClick={onBranch}>{t('branch')}</button>
          {onPin && (
            <button type="button" className="link" data-testid="message-pin" disabled={pinned} onClick={onPin}>{pinned ? tm('pinned') : tm('pin')}</button>
          )}
          {isLast && isCharacter && <button type="button" className="link" data-testid="message-continue" onClick={onContinue}>{t('continue')}</button>}
          {isLast && <button type="button" className="link" data-testid="message-regenerate" onClick={onRegenerate}>{t('regenerate')}</button>}
          <button type="button" className="link danger" data-testid="message-delete" onClick={onDelete}>{t('delete')}</button>
        </div>
      )}
    </li>
  );
}
