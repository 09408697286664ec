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
import { chatSession, sceneSession } from '../runtime/session-key';
import { castNameClash, sceneMeta, sceneStops, sceneTurns, sceneUser } from '../../../shared/scene/scene-prompt';
import { botNameOf } from '../../../shared/character/render-profile';
import { nextSpeaker, sceneLines } from '../../../shared/scene/next-speaker';

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

/** A scene's characters in its order; one since deleted from the library stands in under its id (`gone`) and cannot speak. */
export interface SceneCast {
  characters: readonly Character[];
  gone: ReadonlySet<string>;
}

/** Refuses a cast (of `scene`, as the message names it) where two characters, or one and `user`, go by one name. */
export function assertCastNamesApart(characters: readonly Character[], user: string | null, scene: string): void {
  const clash = castNameClash(characters, user);
  if (clash !== null) {
    throw new StudioError('invalid_input', `two of ${scene} go by "${clash}": give one a nickname (or the user another name) so their lines can be told apart`);
  }
}

/**
 * Refuses a scene that cannot speak, or a speaker chosen for it that cannot: two characters (or one and the
 * user) who go by one name, a choice outside the scene, a character deleted from the library.
 */
export function assertSceneCanSpeak(chat: ChatState, cast: SceneCast, chosen?: string): void {
  const user = chat.scene?.withUser ? sceneUser(cast.characters[0]!, chat.persona).name : null;
  assertCastNamesApart(cast.characters.filter((c) => !cast.gone.has(c.id)), user, `the scene "${chat.title}"`);
  if (chosen === undefined) return;
  if (!cast.characters.some((c) => c.id === chosen)) throw new StudioError('invalid_input', `${chosen} is not in the scene "${chat.title}"`);
  if (cast.gone.has(chosen)) throw new StudioError('not_found', `${chosen} is no longer in the library, so it cannot speak in "${chat.title}"`);
}

/**
 * Who speaks the reply at `target` in a scene: the speaker of the line it redoes, else the writer's choice,
 * else the scene's pick among the characters still in the library (next-speaker.ts).
 */
export function sceneSpeaker(chat: ChatState, cast: SceneCast, target: ReplyTarget, chosen?: string): Character {
  const host = cast.characters[0]!;
  const redone = target.isNewMessage ? undefined : chat.messages.find((m) => m.id === target.messageId);
  const id = redone ? (redone.speaker ?? host.id) : chosen;
  assertSceneCanSpeak(chat, cast, id);
  if (id !== undefined) return cast.characters.find((c) => c.id === id)!;
  const participants = cast.characters.filter((c) => !cast.gone.has(c.id)).map((c) => ({ id: c.id, name: botNameOf(c) }));
  const picked = nextSpeaker(participants, sceneLines(host.id, target.before)).speaker;
  return cast.characters.find((c) => c.id === picked)!;
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

/** The meta, turns, session and KV file of a reply by `character`: the chat's own, or in a scene the speaker's view of it. */
function voice(charactersDir: string, character: Character, chat: ChatState, before: readonly ChatMessage[], cast: readonly Character[] | undefined) {
  const kvFiles = chatPaths(charactersDir, chat.characterId);
  if (!chat.scene) {
    return {
      meta: sessionMetaFor(character, chat.persona ?? undefined), turns: dialogueTurns(before), stop: undefined,
      session: chatSession(character.id, chat.id), kv: kvFiles.kv(chat.id),
    };
  }
  if (!cast) throw new Error("a scene reply needs the scene's cast");
  const view = { scene: chat.scene, cast, speakerId: character.id, persona: chat.persona };
  const meta = sceneMeta(view);
  const place = chat.scene.participants.indexOf(character.id);
  if (place === -1) throw new StudioError('invalid_input', `${character.id} is not in the scene ${chat.title}`);
  return {
    meta, turns: sceneTurns(view, before), stop: sceneStops(meta),
    session: sceneSession(chat.characterId, chat.id, character.id), kv: kvFiles.kv(chat.id, place),
  };
}

/**
 * The engine request for a reply at `target` in `chat`, with the chat's memory in the profile line. In a
 * scene `character` is the speaker and `options.cast` the scene's characters in its order.
 */
export function replyRequest(
  charactersDir: string, character: Character, chat: ChatState, target: ReplyTarget, adapter: AdapterSpec | null,
  characterFacts: readonly Fact[] = [], options: { withSummaryText?: boolean; cast?: readonly Character[] } = {},
): ReplyRequest {
  const memory = promptMemory(chat.memory, characterFacts, target.before, options.withSummaryText ?? true);
  const spoken = voice(charactersDir, character, chat, target.before, options.cast);
  const meta = withTriggeredLore(spoken.meta, character, target.before.map(activeText));
  return {
    session: spoken.session,
    kvFile: { root: charactersDir, path: spoken.kv },
    meta: withMemory(meta, memory, character.language),
    turns: spoken.turns,
    ...(spoken.stop ? { stop: spoken.stop } : {}),
    keepFirst: greetingTurns(target.before),
    partial: target.base,
    sampler: chat.settings.sampler,
    adapter,
    minDrop: memory.minDrop,
  };
}
