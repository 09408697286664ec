import { activeText, type ChatState } from './chat-state';

// A chat or scene as a transcript to read or to feed another tool: plain text (a title line, then
// "name: text" per message) or JSONL (one object per message with who said it). Only the shown swipe of
// each message is written, as the model saw the conversation.

/** The transcript formats. */
export type TranscriptFormat = 'text' | 'jsonl';

/** Display names: each character's by id, and the user's. */
export interface TranscriptNames {
  characters: ReadonlyMap<string, string>;
  user: string;
}

/** One JSONL line of a transcript. */
export interface TranscriptLine {
  speaker: string;
  role: 'user' | 'character';
  characterId?: string;
  text: string;
  at: string;
}

/** The transcript lines of a chat, oldest first; a character message without a speaker is the chat's character. */
export function transcriptLines(chat: ChatState, names: TranscriptNames): TranscriptLine[] {
  return chat.messages.map((m) => {
    const text = activeText(m);
    if (m.role === 'user') return { speaker: names.user, role: 'user', text, at: m.at };
    const characterId = m.speaker ?? chat.characterId;
    return { speaker: names.characters.get(characterId) ?? characterId, role: 'character', characterId, text, at: m.at };
  });
}

/** A text kept in its own place: the title and description on one line, a message's further lines indented, so none reads as a line of someone else. */
const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
const indented = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/\n/g, '\n    ');

/** The whole transcript in `format`, ending with a newline. */
export function renderTranscript(chat: ChatState, names: TranscriptNames, format: TranscriptFormat): string {
  const lines = transcriptLines(chat, names);
  if (format === 'jsonl') return lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length > 0 ? '\n' : '');
  const description = oneLine(chat.scene?.description ?? '');
  const head = [oneLine(chat.title), ...(description ? [description] : []), ''];
  return [...head, ...lines.map((l) => `${oneLine(l.speaker)}: ${indented(l.text)}`)].join('\n') + '\n';
}
