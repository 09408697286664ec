import type { Character } from '../../../shared/character/character-schema';
import { sessionMetaFor } from '../../../shared/character/render-profile';
import type { ChatRecordInput, Persona } from '../../../shared/chat/chat-records';
import { activeText, type ChatState, type ChatSummary } from '../../../shared/chat/chat-state';
import { dialogueTurns, greetingTurns } from '../../../shared/chat/chat-turns';
import { isReadyForTraining, type Correction } from '../../../shared/chat/correction';
import type { LaneSpec } from '../../../shared/chat/evaluation';
import type { ChatMemory, Fact, MemorySettings } from '../../../shared/chat/memory';
import type {
  ChatPacket, MemoryStatus, ChatPrompt, ChatReplyResult, ComparePacket, CompareResult, CorrectionsView, DatasetExport, EvaluationsView,
} from '../../../shared/contract/domains/chat';
import { StudioError } from '../../../shared/contract/errors';
import { CHARACTERGLM_PREFIX_TOKENS } from '../../../shared/prompt/characterglm-format';
import { applySettingsPatch, DEFAULT_GENERATION_SETTINGS, type GenerationSettingsPatch } from '../../../shared/runtime/sampler-schema';
import type { ReplyEngine } from '../runtime/reply-engine';
import type { ChatModel } from '../runtime/ensure-model';
import { assertAdapterUsable, assertSceneCanSpeak, lastTurnTarget, promptMemory, replyRequest, sceneSpeaker, type ReplyTarget, type SceneCast } from './chat-context';
import { newId } from './chat-paths';
import { ChatStore } from './chat-file-store';
import { Scenes, type SceneInput } from './scenes';
import { CharacterFactsStore } from './character-facts-store';
import { CompareRunner } from './compare-runner';
import { CorrectionsStore } from './corrections-store';
import { exportDataset } from './dataset-export';
import { EvaluationsStore } from './evaluations-store';
import { ReplyRunner, type ReplyOptions } from './reply-runner';
import { chatSession, sceneSession } from '../runtime/session-key';
import { SummaryWriter } from './summary-writer';
import { sceneMeta, sceneTurns } from '../../../shared/scene/scene-prompt';
import type { TranscriptFormat } from '../../../shared/chat/transcript';
import { fitTitle } from '../../../shared/chat/chat-records';
import type { Transcript } from '../../../shared/contract/domains/chat';

/**
 * The records that give a new chat `memory`: its settings, facts and summary. A branch keeps the summary
 * as it is (its copied messages keep their ids); a chat without the old turns gets it `detached`, covering none.
 */
function memoryRecords(memory: ChatMemory, at: string, summary: 'kept' | 'detached'): ChatRecordInput[] {
  const records: ChatRecordInput[] = [{ t: 'memory-settings', settings: memory.settings }];
  if (memory.facts.length > 0) records.push({ t: 'facts', facts: memory.facts, at });
  if (memory.summary) records.push({ t: 'summary', summary: summary === 'kept' ? memory.summary : { ...memory.summary, through: null, at } });
  return records;
}


/** What the chat service is built from (injected, so tests run it on a temp folder and the tiny model). */
export interface ChatServiceDeps {
  charactersDir: string;
  characters: { get: (id: string) => Promise<Character> };
  engine: ReplyEngine;
  /** Loads the default model when none is loaded; returns its architecture. */
  ensureModel: () => Promise<ChatModel>;
  clock?: () => Date;
}

/** The live chat preview: chats, replies, corrections, comparisons and datasets of every character. */
export class ChatService {
  readonly store: ChatStore;
  readonly corrections: CorrectionsStore;
  readonly evaluations: EvaluationsStore;
  readonly characterFacts: CharacterFactsStore;
  readonly summaries: SummaryWriter;
  private readonly replies: ReplyRunner;
  private readonly comparisons: CompareRunner;
  private readonly scenes: Scenes;

  constructor(private readonly deps: ChatServiceDeps) {
    this.store = new ChatStore(deps.charactersDir);
    this.corrections = new CorrectionsStore(deps.charactersDir, (id) => this.store.paths(id).corrections);
    this.evaluations = new EvaluationsStore(deps.charactersDir, (id) => this.store.paths(id).evaluations);
    this.characterFacts = new CharacterFactsStore(deps.charactersDir, (id) => this.store.paths(id).facts);
    const runnerDeps = {
      charactersDir: deps.charactersDir, store: this.store, engine: deps.engine, ensureModel: deps.ensureModel, now: () => this.now(),
      characterFacts: (id: string) => this.characterFacts.get(id),
    };
    this.replies = new ReplyRunner(runnerDeps);
    this.summaries = new SummaryWriter(runnerDeps);
    this.comparisons = new CompareRunner(runnerDeps, this.evaluations);
    this.scenes = new Scenes({ store: this.store, characters: deps.characters, now: () => this.now() });
  }

  private now(): string {
    return (this.deps.clock?.() ?? new Date()).toISOString();
  }

  list(characterId: string): Promise<ChatSummary[]> {
    return this.store.list(characterId);
  }

  get(characterId: string, chatId: string): Promise<ChatState> {
    return this.store.read(characterId, chatId, this.replies.isBusy(characterId, chatId));
  }

  /** A new chat that opens with the character's greeting; its alternate greetings are the greeting's swipes. */
  async create(characterId: string, title?: string, greeting = 0): Promise<ChatState> {
    const character = await this.deps.characters.get(characterId);
    const at = this.now();
    const greetings = [character.greeting, ...character.alternateGreetings].filter((g) => g.trim() !== '');
    const id = newId('chat');
    const header = {
      t: 'chat' as const, v: 1 as const, id, characterId, title: title?.trim() || at.slice(0, 16).replace('T', ' '), createdAt: at,
      branchedFrom: null, persona: null, settings: DEFAULT_GENERATION_SETTINGS,
    };
    const opening = greetings.length === 0
      ? []
      : [{ t: 'message' as const, id: newId('m'), role: 'character' as const, swipes: greetings.map((text) => ({ text, at })), active: Math.min(greeting, greetings.length - 1), at }];
    return this.store.create(header, opening);
  }

  /** A new scene (see scenes.ts). */
  createScene(input: SceneInput): Promise<ChatState> {
    return this.scenes.create(input);
  }

  /** One more line of a scene, by `speaker` or whoever the scene picks. */
  async next(input: { characterId: string; chatId: string; speaker?: string }, emit: (p: ChatPacket) => void, signal: AbortSignal): Promise<ChatReplyResult> {
    const release = this.replies.claim(input.characterId, input.chatId);
    try {
      const chat = await this.store.read(input.characterId, input.chatId);
      const cast = await this.scenes.castOf(chat);
      if (!cast) throw new StudioError('invalid_input', `"${chat.title}" is a chat with one character: send a message or regenerate instead`);
      const target: ReplyTarget = { messageId: newId('m'), swipe: 0, base: '', before: chat.messages, isNewMessage: true };
      return await this.speak(chat, target, cast.characters[0]!, cast, emit, signal, {}, input.speaker);
    } finally {
      release();
    }
  }

  /** The chat's shown messages as a transcript, named after the chat. */
  transcript(characterId: string, chatId: string, format: TranscriptFormat): Promise<Transcript> {
    return this.scenes.transcript(characterId, chatId, format);
  }

  async rename(characterId: string, chatId: string, title: string): Promise<ChatState> {
    return this.store.append(characterId, chatId, [{ t: 'title', title }]);
  }

  async remove(characterId: string, chatId: string): Promise<void> {
    if (this.replies.isBusy(characterId, chatId)) throw new StudioError('conflict', 'stop the reply being written before deleting this chat');
    const chat = await this.store.read(characterId, chatId);
    await this.store.remove(characterId, chatId);
    await this.deps.engine.forget(chatSession(characterId, chatId));
    for (const speaker of chat.scene?.participants ?? []) await this.deps.engine.forget(sceneSession(characterId, chatId, speaker));
  }

  async restore(characterId: string, chatId: string): Promise<ChatState> {
    await this.store.restore(characterId, chatId);
    return this.get(characterId, chatId);
  }

  /** A new chat with this chat's messages (all swipes) up to and including `messageId`. */
  async branch(characterId: string, chatId: string, messageId: string, title?: string): Promise<ChatState> {
    const chat = await this.store.read(characterId, chatId);
    const end = chat.messages.findIndex((m) => m.id === messageId);
    if (end === -1) throw new StudioError('not_found', `no message "${messageId}" in this chat`);
    const at = this.now();
    const id = newId(chat.scene ? 'scene' : 'chat');
    const header = {
      t: 'chat' as const, v: 1 as const, id, characterId, title: title?.trim() || fitTitle(chat.title, '↳'), createdAt: at,
      branchedFrom: { chatId, messageId }, persona: chat.persona, settings: chat.settings, ...(chat.scene ? { scene: chat.scene } : {}),
    };
    const copies = chat.messages.slice(0, end + 1).map((m) => ({
      t: 'message' as const, id: m.id, role: m.role, ...(m.speaker ? { speaker: m.speaker } : {}), active: m.active, at: m.at,
      swipes: m.swipes.map((s) => ({ text: s.text, status: s.status === 'streaming' ? ('interrupted' as const) : s.status, at: s.at, edited: s.edited })),
    }));
    const create = (): Promise<ChatState> => this.store.create(header, copies);
    const created = chat.scene ? await this.scenes.withLinks(chat.scene, id, create) : await create();
    // The branch remembers what the chat did (its copied messages keep their ids, so the summary still covers them).
    return this.store.append(characterId, created.id, memoryRecords(chat.memory, at, 'kept'));
  }

  private async withChat(characterId: string, chatId: string): Promise<{ character: Character; chat: ChatState }> {
    const [character, chat] = await Promise.all([this.deps.characters.get(characterId), this.store.read(characterId, chatId)]);
    return { character, chat };
  }

  async send(
    input: { characterId: string; chatId: string; text: string; speaker?: string }, emit: (p: ChatPacket) => void, signal: AbortSignal, options: ReplyOptions = {},
  ): Promise<ChatReplyResult> {
    const release = this.replies.claim(input.characterId, input.chatId);
    try {
      const character = await this.deps.characters.get(input.characterId);
      // A reply's own adapter file is checked before the message is saved: a wrong file leaves the chat as it was.
      if (options.adapterFile) await assertAdapterUsable(options.adapterFile.path, await this.deps.ensureModel());
      // So is a scene that cannot speak, or the speaker the writer chose: the message stays unsent, in the composer.
      const current = await this.store.read(input.characterId, input.chatId);
      const scene = await this.scenes.castOf(current);
      if (scene) assertSceneCanSpeak(current, scene, input.speaker);
      else if (input.speaker !== undefined) throw new StudioError('invalid_input', `"${current.title}" is a chat with one character: only a scene takes a speaker`);
      const at = this.now();
      const message = { t: 'message' as const, id: newId('m'), role: 'user' as const, swipes: [{ text: input.text, at }], active: 0, at };
      const chat = await this.store.append(input.characterId, input.chatId, [message], 'your message');
      emit({ type: 'user', message: chat.messages.at(-1)! });
      const target = { messageId: newId('m'), swipe: 0, base: '', before: chat.messages, isNewMessage: true };
      return await this.speak(chat, target, character, scene, emit, signal, options, input.speaker);
    } finally {
      release();
    }
  }

  async reply(
    input: { characterId: string; chatId: string }, mode: 'regenerate' | 'continue', emit: (p: ChatPacket) => void, signal: AbortSignal, options: ReplyOptions = {},
  ): Promise<ChatReplyResult> {
    const release = this.replies.claim(input.characterId, input.chatId);
    try {
      const { character, chat } = await this.withChat(input.characterId, input.chatId);
      const target = lastTurnTarget(chat, mode, () => newId('m'));
      return await this.speak(chat, target, character, await this.scenes.castOf(chat), emit, signal, options);
    } finally {
      release();
    }
  }

  /**
   * Writes the reply at `target`: by the chat's `character`, then starting its summary in the background when
   * the next turns would fill the context; or in a `scene` by its speaker (`chosen`, else the scene's pick).
   */
  private async speak(
    chat: ChatState, target: ReplyTarget, character: Character, scene: SceneCast | undefined, emit: (p: ChatPacket) => void, signal: AbortSignal,
    options: ReplyOptions, chosen?: string,
  ): Promise<ChatReplyResult> {
    if (scene) return this.replies.run(sceneSpeaker(chat, scene, target, chosen), chat, target, emit, signal, { ...options, cast: scene.characters });
    const result = await this.replies.run(character, chat, target, emit, signal, options);
    if (result.reply.stopReason !== 'cancelled') this.summaries.after(character, result.chat);
    return result;
  }

  async swipe(characterId: string, chatId: string, messageId: string, swipe: number): Promise<ChatState> {
    const chat = await this.store.read(characterId, chatId);
    const message = chat.messages.find((m) => m.id === messageId);
    if (!message) throw new StudioError('not_found', `no message "${messageId}" in this chat`);
    if (swipe >= message.swipes.length) throw new StudioError('invalid_input', `message has ${message.swipes.length} swipes, no swipe ${swipe + 1}`);
    return this.store.append(characterId, chatId, [{ t: 'select', id: messageId, swipe }]);
  }

  /** Edits the shown text of a message; a changed character reply becomes a correction for training. */
  async edit(characterId: string, chatId: string, messageId: string, text: string): Promise<{ chat: ChatState; correction: Correction | null }> {
    const { character, chat } = await this.withChat(characterId, chatId);
    if (this.replies.isBusy(characterId, chatId)) throw new StudioError('conflict', 'wait for the reply being written (or stop it) before editing');
    const index = chat.messages.findIndex((m) => m.id === messageId);
    const message = chat.messages[index];
    if (!message) throw new StudioError('not_found', `no message "${messageId}" in this chat`);
    const original = activeText(message);
    // Read before the edit is saved, so a cast that cannot be read changes nothing.
    const cast = await this.scenes.castOf(chat);
    const updated = await this.store.append(characterId, chatId, [{ t: 'edit', id: messageId, swipe: message.active, text, at: this.now() }]);
    if (message.role !== 'character' || text.trim() === original.trim()) return { chat: updated, correction: null };
    // In a scene the line is its speaker's: the correction goes to that character, with the scene its prompt
    // showed. A line of a character since deleted, or of one not in the scene, is edited and teaches nobody.
    const speakerId = message.speaker ?? chat.characterId;
    if (cast && (cast.gone.has(speakerId) || !chat.scene?.participants.includes(speakerId))) return { chat: updated, correction: null };
    const speaker = cast?.characters.find((c) => c.id === speakerId) ?? character;
    const view = cast && chat.scene ? { scene: chat.scene, cast: cast.characters, speakerId, persona: chat.persona } : null;
    const meta = view ? sceneMeta(view) : sessionMetaFor(character, chat.persona ?? undefined);
    const before = chat.messages.slice(0, index);
    const memory = promptMemory(chat.memory, await this.characterFacts.get(speaker.id), before);
    // The summary in force only if it covers turns before this reply (those had left the prompt) or was carried in.
    const summary = chat.memory.summary;
    const summarised = summary && (summary.through === null || memory.covered > 0) ? memory.summary : '';
    const greeting = greetingTurns(before);
    const kept = [...before.slice(0, greeting), ...before.slice(greeting + memory.minDrop)];
    const context = view ? sceneTurns(view, kept) : dialogueTurns(kept);
    const correction: Correction = {
      id: newId('fix'), chatId, messageId, context, original, corrected: text,
      characterRevision: speaker.revision, botName: meta.botName, userName: meta.userName, userInfo: meta.userInfo, at: this.now(),
      ...(memory.facts.length > 0 || summarised !== '' ? { memory: { facts: memory.facts, summary: summarised } } : {}),
      ...(meta.scene ? { scene: { description: meta.scene.description, others: [...meta.scene.others] } } : {}),
    };
    await this.corrections.add(speaker.id, correction);
    return { chat: updated, correction };
  }

  async deleteMessage(characterId: string, chatId: string, messageId: string): Promise<ChatState> {
    if (this.replies.isBusy(characterId, chatId)) throw new StudioError('conflict', 'wait for the reply being written (or stop it) before deleting');
    const chat = await this.store.read(characterId, chatId);
    if (!chat.messages.some((m) => m.id === messageId)) throw new StudioError('not_found', `no message "${messageId}" in this chat`);
    return this.store.append(characterId, chatId, [{ t: 'delete', id: messageId, at: this.now() }]);
  }

  setPersona(characterId: string, chatId: string, persona: Persona | null): Promise<ChatState> {
    return this.store.append(characterId, chatId, [{ t: 'persona', persona }]);
  }

  async setSettings(characterId: string, chatId: string, patch: GenerationSettingsPatch): Promise<ChatState> {
    const chat = await this.store.read(characterId, chatId);
    return this.store.append(characterId, chatId, [{ t: 'settings', settings: applySettingsPatch(chat.settings, patch) }]);
  }

  /** The exact prompt of the last turn: what produced the last reply, or what the next reply will be sent. */
  async prompt(characterId: string, chatId: string): Promise<ChatPrompt> {
    const { character: own, chat } = await this.withChat(characterId, chatId);
    await this.deps.ensureModel();
    const last = chat.messages.at(-1);
    const turn = last?.role === 'character' && chat.messages.length > 1 ? 'last' : 'next';
    const target = turn === 'last'
      ? { messageId: last!.id, swipe: last!.active, base: '', before: chat.messages.slice(0, -1), isNewMessage: false }
      : { messageId: '', swipe: 0, base: '', before: chat.messages, isNewMessage: true };
    // A scene's prompt is its speaker's: the last line's, or the next one's the scene would pick.
    const cast = await this.scenes.castOf(chat);
    const character = cast ? sceneSpeaker(chat, cast, target) : own;
    const characters = cast?.characters;
    const characterFacts = await this.characterFacts.get(character.id);
    const preview = await this.deps.engine.preview(replyRequest(this.deps.charactersDir, character, chat, target, null, characterFacts, { cast: characters }));
    // Memory's share: the same prompt without facts and summary (the window kept), for the token meter.
    const bare = await this.deps.engine.preview({
      ...replyRequest(this.deps.charactersDir, character, { ...chat, memory: { ...chat.memory, facts: [], summary: null } }, target, null, [], { cast: characters }),
      minDrop: preview.droppedTurns,
    });
    return { ...preview, controlTokens: CHARACTERGLM_PREFIX_TOKENS.join(''), turn, memoryTokens: Math.max(0, preview.prefixTokens - bare.prefixTokens) };
  }

  /** Replaces the chat's pinned facts (write, edit, reorder, unpin). */
  setFacts(characterId: string, chatId: string, facts: Fact[]): Promise<ChatState> {
    return this.store.append(characterId, chatId, [{ t: 'facts', facts, at: this.now() }]);
  }

  /** Pins a message's shown text as a fact of the chat. */
  async pin(characterId: string, chatId: string, messageId: string): Promise<ChatState> {
    const chat = await this.store.read(characterId, chatId);
    const message = chat.messages.find((m) => m.id === messageId);
    if (!message) throw new StudioError('not_found', `no message "${messageId}" in this chat`);
    const text = activeText(message).trim();
    if (text === '') throw new StudioError('invalid_input', 'an empty message cannot be pinned');
    if (chat.memory.facts.some((f) => f.from === messageId && f.text === text)) return chat;
    return this.setFacts(characterId, chatId, [...chat.memory.facts, { id: newId('fact'), text: text.slice(0, 2000), from: messageId }]);
  }

  /** The writer's own version of the summary; it stands for the same turns as the one it replaces. */
  async setSummary(characterId: string, chatId: string, text: string): Promise<ChatState> {
    const chat = await this.store.read(characterId, chatId);
    const summary = { text: text.trim(), through: chat.memory.summary?.through ?? null, by: 'writer' as const, at: this.now() };
    return this.store.append(characterId, chatId, [{ t: 'summary', summary }]);
  }

  setMemorySettings(characterId: string, chatId: string, settings: MemorySettings): Promise<ChatState> {
    return this.store.append(characterId, chatId, [{ t: 'memory-settings', settings }]);
  }

  /** A new chat that opens with the greeting and carries this chat's summary and pinned facts. */
  async fromMemory(characterId: string, chatId: string, title?: string): Promise<ChatState> {
    const old = await this.store.read(characterId, chatId);
    const newTitle = title?.trim() || fitTitle(old.title, '⟳');
    // A scene starts again with the same cast and opening line.
    const opening = old.messages[0]?.role === 'character' ? activeText(old.messages[0]) : undefined;
    const created = old.scene ? await this.createScene({ ...old.scene, opening, title: newTitle }) : await this.create(characterId, newTitle);
    // The old chat's turns are not in the new one: the summary stands for none of its messages.
    return this.store.append(characterId, created.id, memoryRecords(old.memory, this.now(), 'detached'));
  }

  /** The character's facts, and whether the chat's summary is being written (or why the last one failed). */
  async memoryStatus(characterId: string, chatId: string): Promise<MemoryStatus> {
    return {
      characterFacts: await this.characterFacts.get(characterId),
      writing: this.summaries.isWriting(characterId, chatId),
      failure: this.summaries.lastFailure(characterId, chatId),
    };
  }

  /** Stops summaries being written before the engine goes away (the studio is closing). */
  close(): Promise<void> {
    return this.summaries.close();
  }

  /** Resolves once no summary of the chat is being written (tests, the bench). */
  memoryIdle(characterId: string, chatId: string): Promise<void> {
    return this.summaries.idle(characterId, chatId);
  }

  async compare(input: { characterId: string; chatId: string; lanes: [LaneSpec, LaneSpec] }, emit: (p: ComparePacket) => void, signal: AbortSignal): Promise<CompareResult> {
    const release = this.replies.claim(input.characterId, input.chatId);
    try {
      const { character, chat } = await this.withChat(input.characterId, input.chatId);
      return await this.comparisons.compare(character, chat, input.lanes, emit, signal, await this.scenes.castOf(chat));
    } finally {
      release();
    }
  }

  async judge(input: Parameters<CompareRunner['judge']>[0]): Promise<{ chat: ChatState; evaluations: EvaluationsView }> {
    return this.comparisons.judge(input, await this.store.read(input.characterId, input.chatId));
  }

  async evaluationsView(characterId: string): Promise<EvaluationsView> {
    const { entries, tally } = await this.evaluations.list(characterId);
    return { entries, tally };
  }

  async correctionsView(characterId: string): Promise<CorrectionsView> {
    const [character, { items, problems }] = await Promise.all([this.deps.characters.get(characterId), this.corrections.list(characterId)]);
    return { items, ready: items.filter(isReadyForTraining).length, currentRevision: character.revision, problems };
  }

  async exportDataset(input: { characterId: string; name?: string; corrections: boolean; chats: 'all' | 'none' | string[] }): Promise<DatasetExport> {
    const character = await this.deps.characters.get(input.characterId);
    const ids = input.chats === 'all' ? (await this.store.list(input.characterId)).filter((c) => !c.problem && !c.scene).map((c) => c.id) : input.chats === 'none' ? [] : input.chats;
    const chats = await Promise.all(ids.map((id) => this.store.read(input.characterId, id)));
    const corrections = input.corrections ? (await this.corrections.list(input.characterId)).items : [];
    const name = input.name ?? `chat-export-${this.now().slice(0, 19).replace(/[:T]/g, '-')}`;
    const facts = (await this.characterFacts.get(input.characterId)).map((f) => f.text);
    return exportDataset(this.deps.charactersDir, this.store.paths(input.characterId).datasetsDir, name, character, chats, corrections, facts);
  }
}
