import { z } from 'zod';
import { personaSchema } from '../../chat/chat-records';
import type { ChatMessage, ChatState, ChatSummary } from '../../chat/chat-state';
import type { Correction } from '../../chat/correction';
import type { DatasetLine } from '../../chat/dataset-lines';
import { laneSpecSchema, verdictSchema, type Evaluation, type TallyRow } from '../../chat/evaluation';
import { factsSchema, memorySettingsSchema, type Fact } from '../../chat/memory';
import type { ReplyPacket, ReplyResult } from '../../runtime/generation';
import { generationSettingsPatchSchema } from '../../runtime/sampler-schema';
import { request, stream } from '../define';
import { serverPath } from './models';

// The live chat preview: chats per character, streaming replies with swipes, corrections, the evaluation
// log of side-by-side comparisons, and datasets for fine-tuning.

const characterId = z.string().min(1).max(120);
const chatId = z.string().min(1).max(80);
const messageId = z.string().min(1).max(64);
const chatRef = { characterId, chatId };
const text = z.string().max(100_000);
/**
 * A LoRA file on the studio's machine for this one reply instead of the chat's adapter (the CLI's
 * --adapter FILE); checked against the loaded model before anything is written.
 */
const adapterFile = { adapterFile: serverPath.optional(), adapterScale: z.number().min(0).max(4).optional() };

/** Packets of a reply stream: the user's message as stored, where the reply goes, its text, its prompt. */
export type ChatPacket =
  | { type: 'user'; message: ChatMessage }
  | { type: 'start'; messageId: string; swipe: number; base: string; speaker?: string }
  | ReplyPacket;

/** A finished reply: the chat as saved, and what the reply cost. */
export interface ChatReplyResult {
  chat: ChatState;
  reply: ReplyResult;
}

/** The exact prompt of the last turn (or of the next reply when the chat ends with the user). */
export interface ChatPrompt {
  text: string;
  controlTokens: string;
  tokens: number;
  prefixTokens: number;
  droppedTurns: number;
  contextSize: number;
  fits: boolean;
  turn: 'last' | 'next';
  /** Tokens of the prompt that are memory (pinned facts and the summary). */
  memoryTokens: number;
}

/** The character's facts, and the state of the chat's summary writer. */
export interface MemoryStatus {
  characterFacts: Fact[];
  /** A summary is being written in the background. */
  writing: boolean;
  /** Why the last summary could not be written, if it could not. */
  failure: string | null;
}

/** Packets of a comparison: each side's text, tagged with the side. */
export type ComparePacket = { type: 'token'; lane: 0 | 1; text: string } | { type: 'prompt'; lane: 0 | 1; promptTokens: number; droppedTurns: number; restoredState: boolean };

/** Two replies waiting for the writer's verdict. */
export interface CompareResult {
  compareId: string;
  labels: [string, string];
  replies: [ReplyResult, ReplyResult];
}

/** The Corrections view: every correction, and how many are ready for training. */
export interface CorrectionsView {
  items: Correction[];
  ready: number;
  currentRevision: number;
  problems: string[];
}

/** The evaluation log and its tally. */
export interface EvaluationsView {
  entries: Evaluation[];
  tally: TallyRow[];
}

/** A dataset written to the character's datasets folder. */
export interface DatasetExport {
  file: string;
  name: string;
  lines: number;
  fromChats: number;
  fromCorrections: number;
  /** The JSONL itself, so a browser can offer it as a download. */
  content: string;
  preview: DatasetLine[];
}

/** A chat's transcript, ready to save. */
export interface Transcript {
  name: string;
  content: string;
}

/** Every chat request and stream, validated at the boundary. */
export const chatContract = {
  list: request<ChatSummary[]>()(z.object({ characterId }).strict()),
  get: request<ChatState>()(z.object(chatRef).strict()),
  /** A new chat opening with the greeting (alternate greetings become its swipes; `greeting` picks one). */
  create: request<ChatState>()(z.object({
    characterId, title: z.string().max(300).optional(), greeting: z.number().int().min(0).optional(),
    /** Generation settings the chat starts with (else the defaults). */
    settings: generationSettingsPatchSchema.optional(),
  }).strict()),
  rename: request<ChatState>()(z.object({ ...chatRef, title: z.string().trim().min(1).max(300) }).strict()),
  /** Moves a chat to the chat trash (restorable). */
  remove: request<void>()(z.object(chatRef).strict()),
  restore: request<ChatState>()(z.object(chatRef).strict()),
  /** A new chat holding this chat's messages up to and including `messageId`. */
  branch: request<ChatState>()(z.object({ ...chatRef, messageId, title: z.string().max(300).optional() }).strict()),
  /**
   * A scene: several characters of the library (the first is its host: the scene is stored with the host's
   * chats and opened with the host's id; the others list it too), with or without the user, what is going
   * on, and an opening line spoken by the host.
   */
  createScene: request<ChatState>()(z.object({
    participants: z.array(characterId).min(2).max(8).refine((ids) => new Set(ids).size === ids.length, 'a character can be in a scene only once'),
    withUser: z.boolean(),
    description: z.string().max(4000),
    opening: text.optional(),
    title: z.string().max(300).optional(),
  }).strict()),
  /** In a scene, `speaker` answers (else the scene picks: @name, a name in the line, then the next in turn). */
  send: stream<ChatPacket, ChatReplyResult>()(z.object({
    ...chatRef, text: text.refine((t) => t.trim() !== '', 'a message cannot be empty'), speaker: characterId.optional(), ...adapterFile,
  }).strict()),
  /** In a scene: one more line, by `speaker` or whoever the scene picks (Let them talk asks for these one by one). */
  next: stream<ChatPacket, ChatReplyResult>()(z.object({ ...chatRef, speaker: characterId.optional() }).strict()),
  /** The chat's shown messages as plain text or JSONL. */
  transcript: request<Transcript>()(z.object({ ...chatRef, format: z.enum(['text', 'jsonl']) }).strict()),
  /** A new reply for the last turn, kept as another swipe (or the missing reply when the chat ends with the user). */
  regenerate: stream<ChatPacket, ChatReplyResult>()(z.object({ ...chatRef, ...adapterFile }).strict()),
  /** Carries on the character's last reply from its last word. */
  continue: stream<ChatPacket, ChatReplyResult>()(z.object({ ...chatRef, ...adapterFile }).strict()),
  swipe: request<ChatState>()(z.object({ ...chatRef, messageId, swipe: z.number().int().min(0) }).strict()),
  /** Edits a message's shown text; editing a character reply records a correction. */
  edit: request<{ chat: ChatState; correction: Correction | null }>()(z.object({ ...chatRef, messageId, text }).strict()),
  deleteMessage: request<ChatState>()(z.object({ ...chatRef, messageId }).strict()),
  setPersona: request<ChatState>()(z.object({ ...chatRef, persona: personaSchema.nullable() }).strict()),
  setSettings: request<ChatState>()(z.object({ ...chatRef, patch: generationSettingsPatchSchema }).strict()),
  prompt: request<ChatPrompt>()(z.object(chatRef).strict()),
  /** Replaces the chat's pinned facts (write, edit, reorder, unpin). */
  setFacts: request<ChatState>()(z.object({ ...chatRef, facts: factsSchema }).strict()),
  /** Pins a message's shown text as a fact of the chat. */
  pin: request<ChatState>()(z.object({ ...chatRef, messageId }).strict()),
  /** The writer's own version of the rolling summary. */
  setSummary: request<ChatState>()(z.object({ ...chatRef, text: z.string().max(8000) }).strict()),
  setMemorySettings: request<ChatState>()(z.object({ ...chatRef, settings: memorySettingsSchema }).strict()),
  memoryStatus: request<MemoryStatus>()(z.object(chatRef).strict()),
  /** Replaces the facts every chat with the character remembers. */
  setCharacterFacts: request<Fact[]>()(z.object({ characterId, facts: factsSchema }).strict()),
  /** A new chat that carries this chat's summary and pinned facts. */
  fromMemory: request<ChatState>()(z.object({ ...chatRef, title: z.string().max(300).optional() }).strict()),
  /** Two replies for the current turn side by side (two sampler settings, or base vs adapter). */
  compare: stream<ComparePacket, CompareResult>()(z.object({ ...chatRef, lanes: z.tuple([laneSpecSchema, laneSpecSchema]) }).strict()),
  /** The writer's verdict on a comparison; `keep` adds that reply to the chat. */
  judge: request<{ chat: ChatState; evaluations: EvaluationsView }>()(
    z.object({
      ...chatRef, compareId: z.string().min(1).max(64),
      verdicts: z.object({ consistency: verdictSchema, humanLikeness: verdictSchema, engagement: verdictSchema }).strict(),
      keep: z.union([z.literal(0), z.literal(1)]).nullable(),
    }).strict(),
  ),
  evaluations: request<EvaluationsView>()(z.object({ characterId }).strict()),
  corrections: request<CorrectionsView>()(z.object({ characterId }).strict()),
  editCorrection: request<CorrectionsView>()(z.object({ characterId, id: z.string().min(1).max(64), corrected: text }).strict()),
  deleteCorrection: request<CorrectionsView>()(z.object({ characterId, id: z.string().min(1).max(64) }).strict()),
  /** Writes corrections and/or chats as a `messages` JSONL dataset into the character's datasets folder. */
  exportDataset: request<DatasetExport>()(
    z.object({
      characterId,
      name: z.string().trim().min(1).max(100).regex(/^[^/\\\0.][^/\\\0]*$/, 'a dataset name cannot contain slashes or start with a dot').optional(),
      corrections: z.boolean().default(true),
      chats: z.union([z.literal('all'), z.literal('none'), z.array(chatId).max(1000)]).default('all'),
    }).strict(),
  ),
};
