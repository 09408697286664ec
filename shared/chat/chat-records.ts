import { z } from 'zod';
import { adapterChoiceSchema, samplerSettingsSchema } from '../runtime/sampler-schema';
import { factsSchema, memorySettingsSchema, summarySchema } from './memory';

// The lines of a chat file (`characters/<id>/chats/<chatId>.jsonl`). A chat is only ever appended to:
// each user action is one line, so a crash can lose at most the line being written, and a reply that was
// streaming when the studio died is recognised (a start without an end) and marked interrupted.

export const CHAT_FILE_VERSION = 1;

/** The longest chat title. */
export const CHAT_TITLE_MAX = 300;

/** `title`, with `mark` after it when given, cut (with "…") so that it stays within CHAT_TITLE_MAX; the mark is kept whole. */
export function fitTitle(title: string, mark?: string): string {
  const tail = mark === undefined ? '' : ` ${mark}`;
  return title.length + tail.length <= CHAT_TITLE_MAX ? `${title}${tail}` : `${title.slice(0, CHAT_TITLE_MAX - tail.length - 1)}…${tail}`;
}

const time = z.string().max(40);
const messageId = z.string().min(1).max(64);
const text = z.string().max(200_000);

/** A persona for one chat, overriding the character's own user name and info. */
export const personaSchema = z.object({ name: z.string().max(200).optional(), info: z.string().max(20_000).optional() }).strict();

/** A character id as a scene names its participants (the characters store checks it is a folder). */
const participantId = z.string().min(1).max(120);

/**
 * What makes a chat a scene: its characters (the first is the host, whose chats folder holds the file), whether
 * the user takes part, and what is going on. A scene is a chat in every other respect.
 */
export const sceneSchema = z.object({
  participants: z.array(participantId).min(2).max(8).refine((ids) => new Set(ids).size === ids.length, 'a character can be in a scene only once'),
  withUser: z.boolean(),
  description: z.string().max(4000),
}).strict();

const settingsSchema = z.object({ sampler: samplerSettingsSchema, adapter: adapterChoiceSchema.nullable() });

const swipeSchema = z.object({
  text,
  status: z.enum(['done', 'stopped', 'interrupted']).default('done'),
  at: time,
  edited: z.boolean().optional(),
});

const statsSchema = z.object({
  promptTokens: z.number(),
  generatedTokens: z.number(),
  evaluatedTokens: z.number(),
  droppedTurns: z.number(),
  timeToFirstTokenMs: z.number(),
  decodeTokensPerSecond: z.number(),
}).partial();

/** Every kind of line a chat file holds. */
export const chatRecordSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('chat'), v: z.literal(CHAT_FILE_VERSION), id: z.string(), characterId: z.string(), title: z.string().max(CHAT_TITLE_MAX),
    createdAt: time, branchedFrom: z.object({ chatId: z.string(), messageId }).nullable().default(null),
    persona: personaSchema.nullable().default(null), settings: settingsSchema,
    scene: sceneSchema.optional(),
  }),
  /** A whole message: a user message, the greeting (alternates as swipes), or a copy made by branching. */
  z.object({ t: z.literal('message'), id: messageId, role: z.enum(['user', 'character']), speaker: participantId.optional(), swipes: z.array(swipeSchema).min(1).max(500), active: z.number().int().min(0), at: time }),
  /** A reply starts streaming: a new character message, a new swipe, or (with `base`) a continuation; `speaker` in a scene. */
  z.object({ t: z.literal('reply-start'), id: messageId, swipe: z.number().int().min(0), base: text.default(''), at: time, speaker: participantId.optional() }),
  /** The text so far of a streaming reply, written now and then so a crash keeps what was shown. */
  z.object({ t: z.literal('reply-progress'), id: messageId, swipe: z.number().int().min(0), text }),
  z.object({
    t: z.literal('reply-end'), id: messageId, swipe: z.number().int().min(0), text,
    stopReason: z.enum(['eos', 'speaker', 'length', 'cancelled']), stats: statsSchema.optional(),
  }),
  z.object({ t: z.literal('edit'), id: messageId, swipe: z.number().int().min(0), text, at: time }),
  z.object({ t: z.literal('select'), id: messageId, swipe: z.number().int().min(0) }),
  z.object({ t: z.literal('delete'), id: messageId, at: time }),
  z.object({ t: z.literal('title'), title: z.string().max(CHAT_TITLE_MAX) }),
  z.object({ t: z.literal('persona'), persona: personaSchema.nullable() }),
  z.object({ t: z.literal('settings'), settings: settingsSchema }),
  /** The chat's pinned facts, the whole list as it now stands (pin, edit, reorder, unpin). */
  z.object({ t: z.literal('facts'), facts: factsSchema, at: time }),
  /** A new version of the rolling summary (written by the model after turns left the context, or edited). */
  z.object({ t: z.literal('summary'), summary: summarySchema }),
  z.object({ t: z.literal('memory-settings'), settings: memorySettingsSchema }),
]);

/** One line of a chat file, as read. */
export type ChatRecord = z.output<typeof chatRecordSchema>;
/** One line of a chat file, as written (defaults may be left out). */
export type ChatRecordInput = z.input<typeof chatRecordSchema>;
/** The first line of every chat file. */
export type ChatHeaderRecord = Extract<ChatRecord, { t: 'chat' }>;
/** A stored swipe of a message. */
export type SwipeRecord = z.output<typeof swipeSchema>;
/** What a reply cost, kept with it for the stats line. */
export type ReplyStatsRecord = z.output<typeof statsSchema>;
/** The cast and setting of a scene. */
export type SceneInfo = z.output<typeof sceneSchema>;
/** A chat's persona override. */
export type Persona = z.output<typeof personaSchema>;
