import { dirname } from 'node:path';
import type { Character } from '../../../shared/character/character-schema';
import { sessionMetaFor } from '../../../shared/character/render-profile';
import { activeText, type ChatMessage, type ChatState } from '../../../shared/chat/chat-state';
import { dialogueTurns, greetingTurns } from '../../../shared/chat/chat-turns';
import { summarisedCount, type ChatMemory, type Fact } from '../../../shared/chat/memory';
import { withTriggeredLore } from '../../../shared/chat/session-lore';
import { withMemory } from '../../../shared/prompt/characterglm-format';
import { StudioError } from '../../../shared/contract/errors';
import type { AdapterChoice } from '../../../shared/runtime/sampler-schema';
import type { AdapterSpec } from '../runtime/context-pool';
import type { ChatModel } from '../runtime/ensure-model';
import { assertAdapterFor } from '../runtime/model-compat';
import type { ReplyRequest } from '../runtime/chat-engine';
import { AdapterStore, assertAdapterBase } from '../adapters/adapter-store';
import { chatPaths } from './chat-paths';
import { chatSession } from '../runtime/session-key';

/** Where a reply goes: a message (new or existing), which swipe, and the text it continues. */
export interface ReplyTarget {
  messageId: string;
  swipe: number;
  base: string;
  /** The messages the model sees before the reply. */
  before: ChatMessage[];
  isNewMessage: boolean;
}

/** The target of "regenerate" (or "continue"): the last reply, or a new one when the user spoke last. */
export function lastTurnTarget(chat: ChatState, mode: 'regenerate' | 'continue', newMessageId: () => string): ReplyTarget {
  const last = chat.messages.at(-1);
  if (!last || last.role === 'user') {
    return { messageId: newMessageId(), swipe: 0, base: '', before: chat.messages, isNewMessage: true };
  }
  if (chat.messages.length === 1 && mode === 'regenerate') {
    throw new StudioError('conflict', 'the chat only has its greeting: send a message first (swipe the greeting to pick another)');
  }
  const before = chat.messages.slice(0, -1);
  return mode === 'continue'
    ? { messageId: last.id, swipe: last.active, base: activeText(last), before, isNewMessage: false }
    : { messageId: last.id, swipe: last.swipes.length, base: '', before, isNewMessage: false };
}

/**
 * Refuses an adapter the loaded model cannot use: another architecture, or (when the adapter records it)
 * other base weights than it was trained on. A remote server's model is not known here: it refuses itself.
 */
export async function assertAdapterUsable(adapterFile: string, model: ChatModel): Promise<void> {
  if (model.kind === 'remote') return;
  await assertAdapterFor(adapterFile, model.info.architecture);
  await assertAdapterBase(dirname(adapterFile), model.info);
}

/** Resolves an adapter choice to its file, checked against the loaded model (a remote server checks its own). */
export async function resolveAdapter(charactersDir: string, characterId: string, choice: AdapterChoice | null, model: ChatModel): Promise<AdapterSpec | null> {
  if (!choice) return null;
  const adapter = await new AdapterStore(charactersDir).get(characterId, choice.name);
  if (!adapter) throw new StudioError('not_found', `adapter "${choice.name}" is not in ${characterId}/adapters/ (was it deleted?)`);
  await assertAdapterUsable(adapter.path, model);
  return { path: adapter.path, scale: choice.scale };
}

/**
 * What the prompt remembers before `before`: the character's facts, the chat's, and the summary when it
 * covers messages still in `before` (a summary of messages since deleted, or of none, is shown but drops nothing).
 */
export function promptMemory(memory: ChatMemory, characterFacts: readonly Fact[], before: readonly ChatMessage[], withSummaryText = true) {
  const covered = summarisedCount(memory, before.map((m) => m.id));
  return {
    facts: [...characterFacts, ...memory.facts].map((f) => f.text),
    summary: withSummaryText ? (memory.summary?.text ?? '') : '',
    minDrop: Math.max(0, covered - greetingTurns(before)),
    /** How many leading messages of `before` the summary stands for. */
    covered,
  };
}

/** The engine request for a reply at `target` in `chat`, with the chat's memory in the profile line. */
export function replyRequest(
  charactersDir: string, character: Character, chat: ChatState, target: ReplyTarget, adapter: AdapterSpec | null,
  characterFacts: readonly Fact[] = [], options: { withSummaryText?: boolean } = {},
): ReplyRequest {
  const memory = promptMemory(chat.memory, characterFacts, target.before, options.withSummaryText ?? true);
  const meta = withTriggeredLore(sessionMetaFor(character, chat.persona ?? undefined), character, target.before.map(activeText));
  return {
    session: chatSession(character.id, chat.id),
    kvFile: { root: charactersDir, path: chatPaths(charactersDir, character.id).kv(chat.id) },
    meta: withMemory(meta, memory, character.language),
    turns: dialogueTurns(target.before),
    keepFirst: greetingTurns(target.before),
    partial: target.base,
    sampler: chat.settings.sampler,
    adapter,
    minDrop: memory.minDrop,
  };
}
