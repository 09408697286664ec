import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChat } from './chat-store';

/** Which chat is open, and the chat-level actions: new, rename, delete (with undo). */
export function ChatHeader({ onToggle, panels }: { onToggle: (panel: 'settings' | 'compare' | 'memory') => void; panels: { settings: boolean; compare: boolean; memory: boolean } }) {
  const { t } = useTranslation('chat');
  const tm = useTranslation('memory').t;
  const chats = useChat((s) => s.chats);
  const chat = useChat((s) => s.chat);
  const busy = useChat((s) => s.pending);
  const deleted = useChat((s) => s.deleted);
  const actions = useChat.getState();
  // Renamed in place (Electron has no window.prompt); Enter saves, Esc cancels.
  const [title, setTitle] = useState<string | null>(null);
  const saveTitle = (): void => {
    if (chat && title && title.trim() !== '') void actions.rename(chat.id, title.trim());
    setTitle(null);
  };
  return (
    <div className="chat-header">
      <div className="row">
        {title === null ? (
          <select aria-label={t('chats')} data-testid="chat-select" value={chat?.id ?? ''} disabled={busy} onChange={(e) => void actions.select(e.target.value)}>
            {chats.map((c) => (
              <option key={c.id} value={c.id} disabled={Boolean(c.problem)}>
                {c.branchedFrom ? `↳ ${c.title}` : c.title} · {t('messages', { count: c.messageCount })}
              </option>
            ))}
          </select>
        ) : (
          <input
            aria-label={t('renamePrompt')} data-testid="chat-title-input" value={title} autoFocus
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') saveTitle();
              if (e.key === 'Escape') setTitle(null);
            }}
            onBlur={saveTitle}
          />
        )}
        <button type="button" data-testid="chat-new" disabled={busy} onClick={() => void actions.newChat()}>{t('newChat')}</button>
        <button type="button" data-testid="chat-rename" disabled={busy || !chat || title !== null} onClick={() => setTitle(chat?.title ?? '')}>{t('rename')}</button>
        <button type="button" className="danger" data-testid="chat-delete" disabled={busy || !chat} onClick={() => chat && void actions.remove(chat.id)}>{t('deleteChat')}</button>
      </div>
      <div className="row">
        <button type="button" aria-pressed={panels.settings} data-testid="chat-settings-toggle" onClick={() => onToggle('settings')}>{t('settings')}</button>
        <button type="button" aria-pressed={panels.compare} data-testid="compare-open" disabled={!chat} onClick={() => onToggle('compare')}>{t('compare.open')}</button>
        <button type="button" aria-pressed={panels.memory} data-testid="memory-open" disabled={!chat} onClick={() => onToggle('memory')}>{tm('open')}</button>
        <button type="button" data-testid="show-prompt" disabled={!chat || busy} onClick={() => void actions.showPrompt()}>{t('showPrompt')}</button>
      </div>
      {deleted && (
        <div className="notice" role="status">
          <span>{t('deleted', { title: deleted.title })}</span>
          <button type="button" data-testid="chat-undo-delete" onClick={() => void actions.undoRemove()}>{t('undo')}</button>
        </div>
      )}
    </div>
  );
}
