import type { Character } from '../character/character-schema';
import { sessionMetaFor } from '../character/render-profile';
import { withTriggeredLore } from '../chat/session-lore';
import type { DialogueTurn, SessionMeta } from '../prompt/characterglm-format';
import { invalidRequest } from './openai-error';
import type { ChatMessageInput } from './openai-requests';

// A chat request to a character as the CharacterGLM dialogue the studio's prompt code renders: the
// character's profile (with the lore its messages trigger, as in the studio's own chat) as bot_info, the
// request's system messages added after it (CharacterGLM has no other place for instructions), user and
// assistant messages as the user's and the character's lines. A `name` on user messages renames the
// user (the character's user info stays, as with a chat's persona override); a `name` on assistant
// messages renames the character. CharacterGLM's format has one user and one character, so names that
// disagree are refused rather than merged.

/** What the engine is asked to continue, plus what tells this conversation apart from others. */
export interface ChatDialogue {
  meta: SessionMeta;
  turns: DialogueTurn[];
  /** Leading turns that never leave the context: the character's opening line, as a chat keeps its greeting. */
  keepFirst: number;
  /**
   * The names, system text and first line: the same in every request of one conversation as it grows, so
   * requests of one conversation find the KV cache the previous one left.
   */
  opening: string;
}

function contentText(content: ChatMessageInput['content']): string {
  if (content === null) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('\n');
}

/** The one name the messages of `role` give their speaker, if any. */
function speakerName(messages: readonly ChatMessageInput[], role: 'user' | 'assistant'): string | undefined {
  const names = new Set(messages.filter((m) => m.role === role).map((m) => m.name?.trim() ?? '').filter((name) => name !== ''));
  if (names.size > 1) {
    const who = role === 'user' ? 'user' : 'character';
    throw invalidRequest(
      'conflicting_names',
      `messages: the ${role} messages are named ${[...names].map((n) => JSON.stringify(n)).join(' and ')}; a CharacterGLM dialogue has one ${who}, so every ${role} name must be the same`,
      'messages',
    );
  }
  return names.values().next().value;
}

/** The CharacterGLM dialogue of a chat request to `character`. */
export function chatDialogue(character: Character, messages: readonly ChatMessageInput[]): ChatDialogue {
  const system: string[] = [];
  const turns: DialogueTurn[] = [];
  for (const message of messages) {
    const text = contentText(message.content);
    if (message.role === 'system' || message.role === 'developer') {
      if (text.trim() !== '') system.push(text);
    } else {
      turns.push({ speaker: message.role === 'user' ? 'user' : 'character', text });
    }
  }
  const userName = speakerName(messages, 'user');
  const botName = speakerName(messages, 'assistant');
  const profile = sessionMetaFor(character, userName === undefined ? undefined : { name: userName });
  const named = botName === undefined ? profile : { ...profile, botName };
  const withLore = withTriggeredLore(named, character, turns.map((t) => t.text));
  const meta = { ...withLore, botInfo: [withLore.botInfo, ...system].filter((part) => part.trim() !== '').join('\n') };
  return {
    meta,
    turns,
    keepFirst: turns[0]?.speaker === 'character' ? 1 : 0,
    opening: JSON.stringify([named.botName, named.userName, system, turns[0] ?? null]),
  };
}
