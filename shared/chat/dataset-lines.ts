import { CHARACTERGLM_FORMAT_VERSION, withMemory, type DialogueTurn, type SceneFrame, type SessionMeta } from '../prompt/characterglm-format';
import type { ChatState } from './chat-state';
import type { Correction } from './correction';
import { memorySegments } from './memory-segments';

// Training data from what the writer did in chat: one JSONL line per chat or correction in the common chat
// `messages` format (system = the character's profile, assistant = the character). The CharacterGLM session
// meta rides along under `characterglm`, so the trainer renders exactly the prompt chat uses.

/** One line of an exported dataset. */
export interface DatasetLine {
  /** `name`: another character of a scene, whose lines are the user's side of the dialogue. */
  messages: { role: 'system' | 'user' | 'assistant'; content: string; name?: string }[];
  characterglm: { bot_name: string; user_name: string; bot_info: string; user_info: string; format_version: number; scene?: SceneFrame };
  source: { kind: 'chat'; chatId: string } | { kind: 'correction'; correctionId: string; characterRevision: number };
}

/** Where an imported dialogue came from: its file and line. */
export interface ImportSource {
  kind: 'import';
  file: string;
  line: number;
}

/**
 * The one writer of a dataset line, for chat exports and imported dialogues alike: `system` (the profile)
 * first when given, the turns as user/assistant messages, then whichever session meta is known under
 * `characterglm` with the format version, then where the line came from.
 */
export function datasetLine<S extends DatasetLine['source'] | ImportSource>(
  turns: readonly DialogueTurn[], meta: Partial<SessionMeta>, source: S, system?: string,
): { messages: DatasetLine['messages']; characterglm?: Partial<DatasetLine['characterglm']>; source: S } {
  const characterglm: Partial<DatasetLine['characterglm']> = {};
  if (meta.botName !== undefined) characterglm.bot_name = meta.botName;
  if (meta.userName !== undefined) characterglm.user_name = meta.userName;
  if (meta.botInfo !== undefined) characterglm.bot_info = meta.botInfo;
  if (meta.userInfo !== undefined) characterglm.user_info = meta.userInfo;
  if (meta.scene !== undefined) characterglm.scene = meta.scene;
  return {
    messages: [
      ...(system !== undefined ? [{ role: 'system' as const, content: system }] : []),
      ...turns.map((t) => ({ role: t.speaker === 'user' ? ('user' as const) : ('assistant' as const), content: t.text, ...(t.name !== undefined ? { name: t.name } : {}) })),
    ],
    ...(Object.keys(characterglm).length > 0 ? { characterglm: { ...characterglm, format_version: CHARACTERGLM_FORMAT_VERSION } } : {}),
    source,
  };
}

function line(meta: SessionMeta, turns: readonly DialogueTurn[], source: DatasetLine['source']): DatasetLine {
  // The whole meta is known here, so every characterglm field is present.
  return datasetLine(turns, meta, source, meta.botInfo) as DatasetLine;
}

/**
 * A chat as one training line: the active swipes up to the last usable character reply. A reply cut off by
 * a crash (interrupted) or empty ends the usable part; trailing user messages teach nothing and are left out.
 */
export function chatDatasetLine(meta: SessionMeta, chat: ChatState): DatasetLine | null {
  const turns: DialogueTurn[] = [];
  for (const message of chat.messages) {
    const swipe = message.swipes[message.active];
    if (!swipe) continue;
    if (message.role === 'character' && (swipe.status === 'interrupted' || swipe.status === 'streaming' || swipe.text.trim() === '')) break;
    turns.push({ speaker: message.role, text: swipe.text });
  }
  const lastReply = turns.map((t) => t.speaker).lastIndexOf('character');
  // A chat that is only the greeting has no reply to learn from.
  if (lastReply <= 0 || !turns.slice(0, lastReply).some((t) => t.speaker === 'user')) return null;
  return line(meta, turns.slice(0, lastReply + 1), { kind: 'chat', chatId: chat.id });
}

/**
 * A chat with memory as training lines: one per stretch between summaries, its profile line carrying the
 * facts and the summary that chat showed for those turns (memory-segments.ts).
 */
export function chatDatasetLines(meta: SessionMeta, chat: ChatState, characterFacts: readonly string[], language: 'zh' | 'en'): DatasetLine[] {
  return memorySegments(chat, characterFacts)
    .map((segment) => chatDatasetLine(withMemory(meta, segment.memory, language), { ...chat, messages: segment.messages }))
    .filter((line): line is DatasetLine => line !== null);
}

/** A correction as one training line: its context, then the corrected reply, with the memory its prompt had. */
export function correctionDatasetLine(meta: SessionMeta, correction: Correction, language: 'zh' | 'en' = 'zh'): DatasetLine {
  const named = {
    ...meta, botName: correction.botName, userName: correction.userName, userInfo: correction.userInfo, ...(correction.scene ? { scene: correction.scene } : {}),
  };
  const withNames = correction.memory ? withMemory(named, correction.memory, language) : named;
  return line(withNames, [...correction.context, { speaker: 'character', text: correction.corrected }], {
    kind: 'correction', correctionId: correction.id, characterRevision: correction.characterRevision,
  });
}
