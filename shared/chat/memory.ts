import { z } from 'zod';

// A chat's memory: facts the writer pinned (they always stay in the prompt) and a rolling summary of the
// turns that have left the context. Both live in the chat's own append-only file, so a crash keeps them as
// safe as the messages; the summary's history is every summary line the file holds.

/** One pinned fact. `from` names the message it was pinned from, when it was. */
export const factSchema = z.object({
  id: z.string().min(1).max(64),
  text: z.string().trim().min(1, 'a fact cannot be empty').max(2000),
  from: z.string().min(1).max(64).optional(),
}).strict();

/** A chat's list of facts, in the order the prompt shows them (at most 64: each one costs tokens every turn). */
export const factsSchema = z.array(factSchema).max(64);

/** Whether the rolling summary is written, and how many tokens it may take in the prompt. */
export const memorySettingsSchema = z.object({
  summary: z.boolean(),
  summaryTokens: z.number().int().min(32).max(1024),
}).strict();

/** One version of the summary. `through` is the last message it covers (null: written by hand, covering none). */
export const summarySchema = z.object({
  text: z.string().max(8000),
  through: z.string().min(1).max(64).nullable(),
  by: z.enum(['model', 'writer']),
  at: z.string().max(40),
}).strict();

export type Fact = z.output<typeof factSchema>;
export type MemorySettings = z.output<typeof memorySettingsSchema>;
export type SummaryVersion = z.output<typeof summarySchema>;

/** On by default with room for a short paragraph: the point is that a long chat keeps what matters. */
export const DEFAULT_MEMORY_SETTINGS: MemorySettings = { summary: true, summaryTokens: 160 };

/** How many earlier summaries a chat shows (the file keeps them all). */
export const SUMMARY_HISTORY_SHOWN = 20;

/** A chat's memory as the UI and the prompt see it. */
export interface ChatMemory {
  facts: Fact[];
  /** The current summary, or null before the first one. */
  summary: SummaryVersion | null;
  /** Earlier summaries, newest first. */
  history: SummaryVersion[];
  settings: MemorySettings;
}

/** A chat without memory yet. */
export function emptyMemory(): ChatMemory {
  return { facts: [], summary: null, history: [], settings: DEFAULT_MEMORY_SETTINGS };
}

/** `memory` with a new current summary; the old one moves into the history. */
export function withSummary(memory: ChatMemory, next: SummaryVersion): ChatMemory {
  const history = memory.summary ? [memory.summary, ...memory.history].slice(0, SUMMARY_HISTORY_SHOWN) : memory.history;
  return { ...memory, summary: next, history };
}

/** The number of leading messages the summary stands for (they stay out of the prompt), or 0. */
export function summarisedCount(memory: ChatMemory, messageIds: readonly string[]): number {
  const through = memory.summary?.through;
  if (!through || memory.summary?.text.trim() === '') return 0;
  return messageIds.indexOf(through) + 1;
}
