import type { Character } from '../../../shared/character/character-schema';
import { sessionMetaFor } from '../../../shared/character/render-profile';
import type { ChatState } from '../../../shared/chat/chat-state';
import { dialogueTurns } from '../../../shared/chat/chat-turns';
import { withSummary, type Fact } from '../../../shared/chat/memory';
import { planSummary, SUMMARY_LABEL_TOKENS } from '../../../shared/chat/memory-plan';
import { summaryDialogue, summarySampler } from '../../../shared/chat/summary-prompt';
import type { ReplyRequest } from '../runtime/chat-engine';
import type { ReplyEngine } from '../runtime/reply-engine';
import { chatSession, memorySession } from '../runtime/session-key';
import { replyRequest } from './chat-context';
import type { ChatStore } from './chat-file-store';

/** What the summary writer reads and writes with. */
export interface SummaryWriterDeps {
  charactersDir: string;
  store: ChatStore;
  engine: ReplyEngine;
  characterFacts: (characterId: string) => Promise<Fact[]>;
  now: () => string;
}

/**
 * Writes a chat's rolling summary in the background after a reply, when the next turns would fill the
 * context (memory-plan.ts): the loaded model summarises the turns about to leave, on a sequence of its own,
 * and the summary goes into the chat file. The next reply then starts its window after those turns and reads
 * the new summary in the same re-read. One summary per chat at a time; a reply never waits for one.
 */
export class SummaryWriter {
  private readonly running = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, string>();
  private readonly stop = new AbortController();

  constructor(private readonly deps: SummaryWriterDeps) {}

  /** Plans and, when due, starts the summary of `chat` (as saved after a reply). */
  after(character: Character, chat: ChatState): void {
    const key = chatSession(character.id, chat.id);
    if (this.running.has(key) || !chat.memory.settings.summary || this.stop.signal.aborted) return;
    const run = this.write(character, chat)
      .then(() => void this.failures.delete(key))
      // The chat goes on without a new summary; the reason is kept for the side panel and the next plan tries again.
      .catch((error: unknown) => void this.failures.set(key, error instanceof Error ? error.message : String(error)))
      .finally(() => this.running.delete(key));
    this.running.set(key, run);
  }

  /** True while a summary of the chat is being written. */
  isWriting(characterId: string, chatId: string): boolean {
    return this.running.has(chatSession(characterId, chatId));
  }

  /** Why the last summary of the chat could not be written, if it could not. */
  lastFailure(characterId: string, chatId: string): string | null {
    return this.failures.get(chatSession(characterId, chatId)) ?? null;
  }

  /** Stops the summaries being written (nothing of them is saved) and starts no more: the studio is closing. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.all([...this.running.values()]);
  }

  /** Resolves once no summary of the chat is being written. */
  async idle(characterId: string, chatId: string): Promise<void> {
    await this.running.get(chatSession(characterId, chatId));
  }

  private async write(character: Character, chat: ChatState): Promise<void> {
    const { engine } = this.deps;
    if (!engine.measure) return;
    const facts = await this.deps.characterFacts(character.id);
    const target = { messageId: '', swipe: 0, base: '', before: chat.messages, isNewMessage: true };
    const request = replyRequest(this.deps.charactersDir, character, chat, target, null, facts, { withSummaryText: false });
    const measure = await engine.measure(request);
    if (!measure || this.stop.signal.aborted) return;
    const covered = request.minDrop ?? 0;
    const limit = chat.memory.settings.summaryTokens;
    const through = planSummary({ ...measure, keepFirst: request.keepFirst, covered, summaryTokens: limit });
    if (through === null) return;
    const from = request.keepFirst + covered;
    const meta = sessionMetaFor(character, chat.persona ?? undefined);
    const session = memorySession(chatSession(character.id, chat.id));
    const summaryRequest = (upTo: number): ReplyRequest => {
      const dialogue = summaryDialogue(character.language, meta, chat.memory.summary?.text ?? '', dialogueTurns(chat.messages.slice(from, upTo)), limit);
      return { session, kvFile: null, meta: dialogue.meta, turns: dialogue.turns, keepFirst: 0, partial: '', sampler: summarySampler(chat.settings.sampler, limit), adapter: null };
    };
    // The turns must fit in one summary prompt beside the old summary, the recorder's profile and the reply
    // (their text is read again, and may take more tokens than the replies did): what does not fit this
    // time is left for the next summary.
    try {
      let upTo = request.keepFirst + through;
      while (upTo - from > 1 && !(await engine.preview(summaryRequest(upTo))).fits) upTo = from + Math.floor((upTo - from) / 2);
      const last = chat.messages[upTo - 1];
      if (!last || upTo <= from) return;
      const result = await engine.reply(
        summaryRequest(upTo),
        () => undefined,
        this.stop.signal,
      );
      if (this.stop.signal.aborted || result.stopReason === 'cancelled') return;
      const written = result.text.trim();
      if (written === '') throw new Error('the model wrote an empty summary');
      const version = { text: written, through: last.id, by: 'model' as const, at: this.deps.now() };
      // Read back inside the prompt, text can take more tokens than it was generated as: cut it to the budget,
      // so the window planned around the budget still holds.
      for (let i = 0; i < 4; i++) {
        const withIt = await engine.measure(replyRequest(this.deps.charactersDir, character, { ...chat, memory: withSummary(chat.memory, version) }, target, null, facts));
        const tokens = (withIt?.prefix ?? measure.prefix) - measure.prefix;
        if (tokens <= limit + SUMMARY_LABEL_TOKENS) break;
        version.text = version.text.slice(0, Math.max(1, Math.floor((version.text.length * limit) / tokens))).trim();
      }
      await this.deps.store.append(character.id, chat.id, [{ t: 'summary', summary: version }]);
    } finally {
      // The summary's own KV cache is never reused: give its sequence back to the chats.
      await engine.forget(session);
    }
  }
}
