import type { GenerationSettings } from '../runtime/sampler-schema';
import type { ChatRecord, Persona, ReplyStatsRecord, SceneInfo } from './chat-records';
import { emptyMemory, withSummary, type ChatMemory } from './memory';

// A chat as the UI shows it, rebuilt from its append-only records. Pure: the same records always give the
// same chat, which is what the restart and crash tests compare.

/** One alternative of a message (regenerations of a reply; alternate greetings). */
export interface Swipe {
  text: string;
  /** `streaming` only while a reply is being generated; a streaming swipe found on disk is `interrupted`. */
  status: 'done' | 'stopped' | 'interrupted' | 'streaming';
  at: string;
  edited?: boolean;
  stopReason?: string;
  stats?: ReplyStatsRecord;
}

/** One message with its swipes; `active` is the one shown and sent to the model. */
export interface ChatMessage {
  id: string;
  role: 'user' | 'character';
  /** In a scene: the character who says it (a character id); absent in a chat and for the user. */
  speaker?: string;
  swipes: Swipe[];
  active: number;
  at: string;
}

/** A whole chat. */
export interface ChatState {
  id: string;
  characterId: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  branchedFrom: { chatId: string; messageId: string } | null;
  persona: Persona | null;
  settings: GenerationSettings;
  messages: ChatMessage[];
  /** Pinned facts and the rolling summary (see memory.ts). */
  memory: ChatMemory;
  /** Problems found reading the file (damaged lines), by line number; nothing is dropped silently. */
  problems: string[];
  /** Set when the chat is a scene with several characters. */
  scene: SceneInfo | null;
}

/** The row of a chat in the per-character chat list. */
export interface ChatSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
  preview: string;
  branchedFrom: ChatState['branchedFrom'];
  /** A scene: its host (whose chats hold the file; open it with this id) and its characters. */
  scene?: { host: string; participants: string[] };
  /** Why the chat file cannot be read, when it cannot. */
  problem?: string;
}

/** The shown text of a message (its active swipe). */
export function activeText(message: ChatMessage): string {
  return message.swipes[message.active]?.text ?? '';
}

function touch(state: ChatState, at: string | undefined): void {
  if (at && at > state.updatedAt) state.updatedAt = at;
}

function apply(state: ChatState, record: ChatRecord): void {
  const find = (id: string): ChatMessage | undefined => state.messages.find((m) => m.id === id);
  switch (record.t) {
    case 'chat':
      return;
    case 'message':
      state.messages.push({ id: record.id, role: record.role, ...(record.speaker ? { speaker: record.speaker } : {}), swipes: record.swipes.map((s) => ({ ...s })), active: Math.min(record.active, record.swipes.length - 1), at: record.at });
      return touch(state, record.at);
    case 'reply-start': {
      let message = find(record.id);
      if (!message) {
        message = { id: record.id, role: 'character', ...(record.speaker ? { speaker: record.speaker } : {}), swipes: [], active: 0, at: record.at };
        state.messages.push(message);
      }
      const swipe: Swipe = { text: record.base, status: 'streaming', at: record.at };
      if (record.swipe >= message.swipes.length) message.swipes.push(swipe);
      else message.swipes[record.swipe] = { ...message.swipes[record.swipe]!, ...swipe };
      message.active = Math.min(record.swipe, message.swipes.length - 1);
      return touch(state, record.at);
    }
    case 'reply-progress': {
      const swipe = find(record.id)?.swipes[record.swipe];
      if (swipe) swipe.text = record.text;
      return;
    }
    case 'reply-end': {
      const swipe = find(record.id)?.swipes[record.swipe];
      if (!swipe) return;
      swipe.text = record.text;
      swipe.status = record.stopReason === 'cancelled' ? 'stopped' : 'done';
      swipe.stopReason = record.stopReason;
      if (record.stats) swipe.stats = record.stats;
      return;
    }
    case 'edit': {
      const swipe = find(record.id)?.swipes[record.swipe];
      if (swipe) Object.assign(swipe, { text: record.text, edited: true });
      return touch(state, record.at);
    }
    case 'select': {
      const message = find(record.id);
      if (message && record.swipe < message.swipes.length) message.active = record.swipe;
      return;
    }
    case 'delete':
      state.messages = state.messages.filter((m) => m.id !== record.id);
      return touch(state, record.at);
    case 'title':
      state.title = record.title;
      return;
    case 'persona':
      state.persona = record.persona;
      return;
    case 'settings':
      state.settings = record.settings;
      return;
    case 'facts':
      state.memory = { ...state.memory, facts: record.facts };
      return touch(state, record.at);
    case 'summary':
      state.memory = withSummary(state.memory, record.summary);
      return touch(state, record.summary.at);
    case 'memory-settings':
      state.memory = { ...state.memory, settings: record.settings };
      return;
  }
}

/**
 * Rebuilds a chat from its records. With `final` (reading a file, not a live stream), a reply that was
 * still streaming is marked interrupted: the studio stopped before it finished.
 */
export function reduceChat(records: readonly ChatRecord[], problems: string[] = [], final = true): ChatState {
  const header = records[0];
  if (!header || header.t !== 'chat') throw new Error('a chat file starts with its header line');
  const state: ChatState = {
    id: header.id, characterId: header.characterId, title: header.title, createdAt: header.createdAt, updatedAt: header.createdAt,
    branchedFrom: header.branchedFrom, persona: header.persona, settings: header.settings, messages: [], memory: emptyMemory(), problems,
    scene: header.scene ?? null,
  };
  for (const record of records.slice(1)) apply(state, record);
  if (state.scene) state.problems = [...problems, ...strangers(state, state.scene)];
  if (final) {
    for (const swipe of state.messages.flatMap((m) => m.swipes)) if (swipe.status === 'streaming') swipe.status = 'interrupted';
  }
  return state;
}

/** A scene's lines said by a character not in its cast (a damaged or foreign file): named, and left out of every prompt. */
function strangers(state: ChatState, scene: SceneInfo): string[] {
  return state.messages
    .filter((m) => m.speaker !== undefined && !scene.participants.includes(m.speaker))
    .map((m) => `message ${m.id}: its speaker "${m.speaker}" is not in this scene, so no prompt shows it`);
}

/** True for a line of a scene said by one of its characters (or the user); false for a stranger's (see strangers). */
export function isSceneLine(message: ChatMessage, scene: SceneInfo): boolean {
  return message.speaker === undefined || scene.participants.includes(message.speaker);
}

/** The chat-list row of a chat. */
export function summarizeChat(state: ChatState): ChatSummary {
  const last = state.messages.at(-1);
  return {
    id: state.id, title: state.title, createdAt: state.createdAt, updatedAt: state.updatedAt,
    messageCount: state.messages.length, preview: last ? activeText(last).slice(0, 120) : '', branchedFrom: state.branchedFrom,
    ...(state.scene ? { scene: { host: state.characterId, participants: state.scene.participants } } : {}),
  };
}
