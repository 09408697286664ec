import type { DialogueTurn } from '../prompt/characterglm-format';
import { activeText, type ChatMessage } from './chat-state';

// What the model sees of a chat: the active swipe of each message, oldest first.

/** The dialogue of `messages` as prompt turns (active swipes). */
export function dialogueTurns(messages: readonly ChatMessage[]): DialogueTurn[] {
  return messages.map((m) => ({ speaker: m.role, text: activeText(m) }));
}

/** 1 when the chat opens with the character's greeting, which then never leaves the context. */
export function greetingTurns(messages: readonly ChatMessage[]): number {
  return messages[0]?.role === 'character' ? 1 : 0;
}
