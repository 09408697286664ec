import type { Character } from '../../../shared/character/character-schema';
import type { ChatState } from '../../../shared/chat/chat-state';
import type { Fact } from '../../../shared/chat/memory';
import type { ChatPacket, ChatReplyResult } from '../../../shared/contract/domains/chat';
import { StudioError } from '../../../shared/contract/errors';
import type { ReplyResult } from '../../../shared/runtime/generation';
import type { ReplyEngine } from '../runtime/reply-engine';
import type { ChatModel } from '../runtime/ensure-model';
import type { AdapterSpec } from '../runtime/context-pool';
import { assertAdapterUsable, replyRequest, resolveAdapter, type ReplyTarget } from './chat-context';
import type { ChatStore } from './chat-file-store';

/** How often the text of a streaming reply is written down, so a crash keeps what was shown. */
export const PROGRESS_INTERVAL_MS = 1000;

/** Per-reply options: the CLI's own adapter file, and a scene's cast. */
export interface ReplyOptions {
  /** An adapter file outside the character's folder (`studio chat --adapter FILE`). */
  adapterFile?: AdapterSpec;
  /** In a scene: its characters in scene order (the reply's character is the speaker). */
  cast?: readonly Character[];
}

/**
 * The adapter a reply by `speaker` uses: the chat's choice. A scene's settings are its host's, so its adapter
 * (one of the host's) applies to the host's lines only; the others speak with the base model.
 */
async function chatAdapter(charactersDir: string, speaker: Character, chat: ChatState, model: ChatModel): Promise<AdapterSpec | null> {
  if (speaker.id !== chat.characterId) return null;
  return resolveAdapter(charactersDir, speaker.id, chat.settings.adapter, model);
}

/** The stores and engine a reply is written with. */
export interface ReplyRunnerDeps {
  charactersDir: string;
  store: ChatStore;
  engine: ReplyEngine;
  /** Loads the default model when none is loaded; returns the loaded model's architecture. */
  ensureModel: () => Promise<ChatModel>;
  now: () => string;
  /** The character's facts, which every chat's prompt remembers. */
  characterFacts: (characterId: string) => Promise<Fact[]>;
}

/**
 * Streams one reply into a chat file: a start line, the text now and then while it streams, and an end
 * line with why it stopped. One reply per chat at a time.
 */
export class ReplyRunner {
  private readonly busy = new Set<string>();

  constructor(private readonly deps: ReplyRunnerDeps) {}

  /** True while a reply is being written in the chat (its streaming swipe is live, not interrupted). */
  isBusy(characterId: string, chatId: string): boolean {
    return this.busy.has(`${characterId}/${chatId}`);
  }

  /** Claims the chat for one reply; throws if another is being written. */
  claim(characterId: string, chatId: string): () => void {
    const key = `${characterId}/${chatId}`;
    if (this.busy.has(key)) throw new StudioError('conflict', 'a reply is already being written in this chat: stop it first');
    this.busy.add(key);
    return () => this.busy.delete(key);
  }

  async run(
    character: Character, chat: ChatState, target: ReplyTarget, emit: (packet: ChatPacket) => void, signal: AbortSignal, options: ReplyOptions = {},
  ): Promise<ChatReplyResult> {
    const { store, engine } = this.deps;
    const model = await this.deps.ensureModel();
    let adapter = await chatAdapter(this.deps.charactersDir, character, chat, model);
    if (options.adapterFile) {
      await assertAdapterUsable(options.adapterFile.path, model);
      adapter = options.adapterFile;
    }
    const where = { id: target.messageId, swipe: target.swipe };
    const speaker = chat.scene ? { speaker: character.id } : {};
    await store.append(chat.characterId, chat.id, [{ t: 'reply-start', ...where, base: target.base, at: this.deps.now(), ...speaker }], 'the reply');
    emit({ type: 'start', messageId: target.messageId, swipe: target.swipe, base: target.base, ...speaker });

    let generated = '';
    let lastWrite = Date.now();
    let writes: Promise<unknown> = Promise.resolve();
    const checkpoint = (): void => {
      const text = target.base + generated;
      writes = writes.then(() => store.append(chat.characterId, chat.id, [{ t: 'reply-progress', ...where, text }], 'the reply')).catch(() => undefined);
      lastWrite = Date.now();
    };
    const characterFacts = await this.deps.characterFacts(character.id);
    let result: ReplyResult;
    try {
      result = await engine.reply(
        replyRequest(this.deps.charactersDir, character, chat, target, adapter, characterFacts, { cast: options.cast }),
        (packet) => {
          if (packet.type === 'token') {
            generated += packet.text;
            if (Date.now() - lastWrite >= PROGRESS_INTERVAL_MS) checkpoint();
          }
          emit(packet);
        },
        signal,
      );
    } catch (error) {
      await writes;
      const text = target.base + generated;
      await store.append(chat.characterId, chat.id, [{ t: 'reply-end', ...where, text, stopReason: 'cancelled' }], 'the reply');
      if (target.isNewMessage && text.trim() === '') await store.append(chat.characterId, chat.id, [{ t: 'delete', id: target.messageId, at: this.deps.now() }]);
      throw error;
    }
    await writes;
    const s = result.stats;
    const saved = await store.append(chat.characterId, chat.id, [{
      t: 'reply-end', ...where, text: target.base + result.text, stopReason: result.stopReason,
      stats: {
        promptTokens: s.promptTokens, generatedTokens: s.generatedTokens, evaluatedTokens: s.evaluatedTokens, droppedTurns: s.droppedTurns,
        timeToFirstTokenMs: Math.round(s.timeToFirstTokenMs), decodeTokensPerSecond: Math.round(s.decodeTokensPerSecond * 10) / 10,
      },
    }], 'the reply');
    return { chat: saved, reply: result };
  }
}
