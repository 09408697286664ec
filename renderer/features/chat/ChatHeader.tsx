import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatSummary } from '../../../shared/chat/chat-state';
import { botNameOf } from '../../../shared/character/render-profile';
import { useCharacters } from '../characters/characters-store';
import { useChat } from './chat-store';
import { NewSceneDialog } from './scene/NewSceneDialog';
import { sceneBadgeNames } from './scene/scene-cast';
import { TranscriptExport } from './TranscriptExport';

/** Each character's name by id as scenes call it (the nickname when set), for the scene marks of the chat list. */
function useLibraryNames(): Map<string, string> {
  const list = useCharacters((s) => s.list);
  return useMemo(() => new Map((list ?? []).map((c) => [c.id, botNameOf(c)])), [list]);
}

/** Which chat is open, and the chat-level actions: new chat or scene, rename, delete (with undo), transcript. */
export function ChatHeader({ onToggle, panels }: { onToggle: (panel: 'settings' | 'compare' | 'memory') => void; panels: { settings: boolean; compare: boolean; memory: boolean } }) {
  const { t } = useTranslation('chat');
  const tm = useTranslation('memory').t;
  const chats = useChat((s) => s.chats);
  const chat = useChat((s) => s.chat);
  const busy = useChat((s) => s.pending || s.talking !== null);
  const deleted = useChat((s) => s.deleted);
  const characterId = useChat((s) => s.characterId);
  const actions = useChat.getState();
  const names = useLibraryNames();
  const [sceneDialog, setSceneDialog] = useState(false);
  const label = (c: ChatSummary): string => {
    const title = c.branchedFrom ? `↳ ${c.title}` : c.title;
    const scene = c.scene ? `${t('scene.badge', { names: sceneBadgeNames(c, names).join(t('scene.nameSeparator')) })} — ` : '';
    return `${scene}${title} · ${t('messages', { count: c.messageCount })}`;
  };
  // Renamed in place (Electron has no window.prompt); Enter saves, Esc cancels.
  const [title, setTitle] = useState<string | null>(null);
  const saveTitle = (): void => {
    if (chat && title && title.trim() !== '') void actions.rename(chat.id, title.trim());
    setTitle(null);
  };
  return (
    <>
      <div className="chat-header">
        <div className="row">
          {title === null ? (
            <select aria-label={t('chats')} data-testid="chat-select" value={chat?.id ?? ''} disabled={busy} onChange={(e) => void actions.select(e.target.value)}>
              {chats.map((c) => (
                <option key={c.id} value={c.id} disabled={Boolean(c.problem)} data-scene={c.scene ? c.scene.participants.join(' ') : undefined}>
                  {label(c)}
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
          <button type="button" data-testid="scene-new" disabled={busy || !characterId} onClick={() => setSceneDialog(true)}>{t('scene.new')}</button>
          <button type="button" data-testid="chat-rename" disabled={busy || !chat || title !== null} onClick={() => setTitle(chat?.title ?? '')}>{t('rename')}</button>
          <button type="button" className="danger" data-testid="chat-delete" disabled={busy || !chat} onClick={() => chat && void actions.remove(chat.id)}>{t('deleteChat')}</button>
        </div>
        <div className="row">
          <button type="button" aria-pressed={panels.settings} data-testid="chat-settings-toggle" onClick={() => onToggle('settings')}>{t('settings')}</button>
          <button type="button" aria-pressed={panels.compare} data-testid="compare-open" disabled={!chat} onClick={() => onToggle('compare')}>{t('compare.open')}</button>
          <button type="button" aria-pressed={panels.memory} data-testid="memory-open" disabled={!chat} onClick={() => onToggle('memory')}>{tm('open')}</button>
          <button type="button" data-testid="show-prompt" disabled={!chat || busy} onClick={() => void actions.showPrompt()}>{t('showPrompt')}</button>
          <TranscriptExport />
        </div>
        {deleted && (
          <div className="notice" role="status">
            <span>{t('deleted', { title: deleted.title })}</span>
            <button type="button" data-testid="chat-undo-delete" onClick={() => void actions.undoRemove()}>{t('undo')}</button>
          </div>
        )}
      </div>
      {sceneDialog && characterId && <NewSceneDialog characterId={characterId} onClose={() => setSceneDialog(false)} />}
    </>
  );
}
