import type { ChatMessage, ChatState, Swipe } from '../../../shared/chat/chat-state';

// What the message list shows while a reply streams: the saved chat plus the user's message just sent and
// the reply text so far, placed where the reply will be saved (a new message, a new swipe, or the end of
// the reply being continued).

/** A reply on its way, as the stream packets describe it. */
export interface StreamingReply {
  messageId: string;
  swipe: number;
  base: string;
  text: string;
  /** In a scene: the character writing it. */
  speaker?: string;
}

const live = (text: string): Swipe => ({ text, status: 'streaming', at: '' });

/** The chat's messages with the streaming reply (and a just-sent user message) merged in. */
export function displayMessages(chat: ChatState | null, sentUser: ChatMessage | null, streaming: StreamingReply | null): ChatMessage[] {
  const messages = [...(chat?.messages ?? [])];
  if (sentUser && !messages.some((m) => m.id === sentUser.id)) messages.push(sentUser);
  if (!streaming) return messages;
  const text = streaming.base + streaming.text;
  const index = messages.findIndex((m) => m.id === streaming.messageId);
  if (index === -1) {
    messages.push({ id: streaming.messageId, role: 'character', ...(streaming.speaker ? { speaker: streaming.speaker } : {}), swipes: [live(text)], active: 0, at: '' });
    return messages;
  }
  const message = messages[index]!;
  const swipes = [...message.swipes];
  swipes[streaming.swipe] = live(text);
  messages[index] = { ...message, swipes, active: streaming.swipe };
  return messages;
}
