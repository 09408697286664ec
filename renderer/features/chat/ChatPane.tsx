import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatHeader } from './ChatHeader';
import { ChatSettingsPanel } from './ChatSettingsPanel';
import { ComparePanel } from './ComparePanel';
import { MemoryPanel } from './MemoryPanel';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { PromptDialog } from './PromptDialog';
import { chatKeyAction } from './chat-keys';
import { useChat } from './chat-store';
import { displayMessages } from './display-messages';
import { ReplyStats } from './ReplyStats';
import { SceneBar } from './scene/SceneBar';
import { useSceneView } from './scene/use-scene-view';
import { useCharacterMeta } from './use-character-meta';
import './chat.css';

interface Props {
  characterId: string;
  /** Runs before each reply is asked for (the editor saves its draft, so the chat talks to the profile as written). */
  beforeReply?: () => Promise<void>;
  chatId?: string;
  onChatChange?: (chatId: string) => void;
}

/**
 * The live chat with a character (beside the editor, or full-screen in the Chat section), or a scene it
 * is in: then the names are the host's, and the cast bar and the composer work with the whole cast.
 */
export function ChatPane({ characterId, beforeReply, chatId, onChatChange }: Props) {
  const { t } = useTranslation('chat');
  const store = useChat();
  const [panels, setPanels] = useState({ settings: false, compare: false, memory: false });
  // A scene is the host's chat: its user and its unnamed lines are the host's.
  const hostId = store.chat?.characterId ?? characterId;
  const meta = useCharacterMeta(hostId, store.chat?.persona);
  const streaming = store.pending || store.talking !== null;

  useEffect(() => {
    void useChat.getState().open(characterId, chatId);
  }, [characterId, chatId]);
  useEffect(() => {
    if (store.chat && onChatChange && store.chat.id !== chatId) onChatChange(store.chat.id);
  }, [store.chat, chatId, onChatChange]);

  useEffect(() => {
    useChat.setState({ beforeReply: beforeReply ?? null });
    return () => useChat.setState({ beforeReply: null });
  }, [beforeReply]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const inComposer = (event.target as HTMLElement | null)?.dataset?.testid === 'composer-input';
      const { pending, talking } = useChat.getState();
      const action = chatKeyAction(event, { inComposer, streaming: pending || talking !== null });
      if (action === 'stop') {
        event.preventDefault();
        useChat.getState().stop();
      } else if (action === 'regenerate') {
        event.preventDefault();
        if (!useChat.getState().pending && useChat.getState().chat) void useChat.getState().regenerate();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const messages = displayMessages(store.chat, store.sentUser, store.streaming);
  const scene = useSceneView(store.chat, messages);
  const dropped = store.promptInfo?.droppedTurns ?? store.lastReply?.stats.droppedTurns ?? 0;
  return (
    <section
      className="chat-pane" data-testid="chat-pane" aria-label={t('title')} data-streaming={streaming} data-replies={store.repliesDone}
      data-scene={scene !== null} data-talking={store.talking !== null}
    >
      <ChatHeader panels={panels} onToggle={(p) => setPanels((s) => ({ ...s, [p]: !s[p] }))} />
      <PromptDialog />
      {store.error && (
        <div className="notice error" role="alert" data-testid="chat-error">
          <span>{store.error}</span>
          <button type="button" className="icon" aria-label={t('close')} onClick={store.clearError}>×</button>
        </div>
      )}
      <div className="chat-body">
        <div className="chat-main">
          {dropped > 0 && <p className="notice" data-testid="chat-dropped">{t('dropped', { count: dropped })}</p>}
          {store.promptInfo?.restoredState && <p className="muted" data-testid="chat-restored">{t('restored')}</p>}
          {scene && <SceneBar participants={scene.participants} portraits={scene.portraits} lines={scene.lines} />}
          <div className="chat-scroll">
            <MessageList messages={messages} botName={meta?.botName ?? ''} userName={meta?.userName ?? ''} castNames={scene?.names} />
          </div>
          {store.lastReply && !streaming && <ReplyStats reply={store.lastReply} />}
          {scene && !scene.withUser ? (
            <p className="muted" data-testid="scene-without-user">{t('scene.notInScene')}</p>
          ) : (
            <Composer
              placeholder={scene ? t('scene.placeholder') : t('placeholder', { name: meta?.botName ?? '' })}
              streaming={streaming}
              sendWhileStreaming={scene !== null}
              mentionNames={scene?.participants.map((p) => p.name)}
              disabled={!store.chat}
              unsent={store.unsent}
              onSend={(text) => void store.send(text)}
              onStop={store.stop}
              onUnsentTaken={store.clearUnsent}
            />
          )}
        </div>
        {(panels.settings || panels.compare || panels.memory) && (
          <aside className="chat-side">
            {panels.settings && <ChatSettingsPanel characterId={hostId} />}
            {panels.compare && <ComparePanel characterId={hostId} />}
            {panels.memory && <MemoryPanel />}
          </aside>
        )}
      </div>
    </section>
  );
}
