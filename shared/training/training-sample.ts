import type { DialogueTurn, SessionMeta } from '../prompt/characterglm-format';

// A dialogue to learn from, whatever file it came from. Every importer produces these; the trainer's
// tokeniser renders them with the chat's own prompt format.

/** The formats a dataset can be imported from. */
export type DatasetFormat = 'messages' | 'session' | 'transcript' | 'csv';

/** One dialogue: its turns, the session meta it was written under (fields present override the character's), and where it came from. */
export interface TrainingSample {
  turns: DialogueTurn[];
  meta?: Partial<SessionMeta>;
  /** 1-based line (or row) of the file where the sample starts. */
  line: number;
}

/** A problem in an imported file, named by its line. */
export interface DatasetIssue {
  line: number;
  message: string;
}

/** What a parser made of a file: the samples, and the problems that stop it from being saved. */
export interface ParsedDataset {
  format: DatasetFormat;
  samples: TrainingSample[];
  issues: DatasetIssue[];
  /** Things worth knowing that do not block the import (e.g. ignored system prompts). */
  notes: string[];
}

/** How many character replies a sample teaches: character turns after the first user turn (a greeting is context, not a reply). */
export function trainedReplyCount(turns: readonly DialogueTurn[]): number {
  const firstUser = turns.findIndex((t) => t.speaker === 'user');
  if (firstUser === -1) return 0;
  return turns.slice(firstUser + 1).filter((t) => t.speaker === 'character' && t.text.trim() !== '').length;
}

/** The issue of a sample that teaches nothing, or null. */
export function sampleProblem(sample: TrainingSample): string | null {
  if (sample.turns.length === 0) return 'the dialogue is empty';
  if (trainedReplyCount(sample.turns) === 0) return 'no character reply follows a user message, so there is nothing to learn';
  return null;
}
