import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../shared/chat/chat-state';
import { MessageItem } from './MessageItem';
import { speakerName } from './scene/scene-cast';
import { useChat } from './chat-store';
import { useMemory } from './memory-store';

/** The conversation, following the newest text while a reply streams; in a scene `castNames` names each line's speaker. */
export function MessageList({ messages, botName, userName, castNames }: { messages: ChatMessage[]; botName: string; userName: string; castNames?: ReadonlyMap<string, string> }) {
  const { t } = useTranslation('chat');
  const busy = useChat((s) => s.pending);
  const actions = useChat();
  const facts = useChat((s) => s.chat?.memory.facts);
  const pin = useMemory((s) => s.pin);
  const end = useRef<HTMLLIElement>(null);
  const lastText = messages.at(-1)?.swipes[messages.at(-1)!.active]?.text;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, lastText]);
  if (messages.length === 0) return <p className="empty chat-empty">{t('empty')}</p>;
  // Regenerate is offered on the last message when it is the character's reply (or the user's, awaiting one).
  const lastIndex = messages.length - 1;
  return (
    <ol className="message-list" data-testid="message-list">
      {messages.map((m, i) => (
        <MessageItem
          key={m.id}
          message={m}
          speaker={speakerName(m, { bot: botName, user: userName || t('you'), ...(castNames ? { cast: castNames } : {}) })}
          isLast={i === lastIndex && !(i === 0 && m.role === 'character')}
          busy={busy}
          onSwipe={(swipe) => void actions.swipe(m.id, swipe)}
          onEdit={(text) => actions.edit(m.id, text)}
          onDelete={() => void actions.deleteMessage(m.id)}
          onBranch={() => void actions.branch(m.id)}
          onRegenerate={() => void actions.regenerate()}
          onContinue={() => void actions.continueReply()}
          onPin={() => void pin(m.id)}
          pinned={facts?.some((f) => f.from === m.id) ?? false}
        />
      ))}
      <li ref={end} aria-hidden="true" className="message-end" />
    </ol>
  );
}
