import type { ChunkRange } from './chunk-plan';
import type { DialogueTurn, SessionMeta } from '../prompt/characterglm-format';
import { sampleSegments } from './sample-segments';

// A run's dialogues as prompt–completion records for trainers elsewhere (TRL, LLaMA-Factory). Each piece
// the studio's trainer would train on (the header, then the turns of one chunk) gives one record per reply
// it learns: the prompt is all of the piece's text before the reply, up to and including the character's
// tag, and the completion is the reply. The text is the chat's own rendering (sampleSegments), so a
// tokenizer that reads the prompt and completion as one string sees the studio's tokens.

/** One example: loss on the completion only. */
export interface PromptCompletion {
  prompt: string;
  completion: string;
}

/** A dialogue as the trainer cut it. */
export interface CutDialogue {
  meta: SessionMeta;
  turns: readonly DialogueTurn[];
  chunks: readonly ChunkRange[];
}

/** The records of one piece: the header and turns [start, end). */
export function pieceRecords(meta: SessionMeta, turns: readonly DialogueTurn[], range: Pick<ChunkRange, 'start' | 'end'>): PromptCompletion[] {
  const records: PromptCompletion[] = [];
  let text = '';
  for (const s of sampleSegments(meta, turns)) {
    if (s.kind !== 'header' && (s.turn < range.start || s.turn >= range.end)) continue;
    if (s.trained) records.push({ prompt: text, completion: s.text });
    text += s.text;
  }
  return records;
}

/** Every record of a run, the held-out dialogues (by index) apart. */
export function clusterRecords(dialogues: readonly CutDialogue[], heldOut: ReadonlySet<number>): { train: PromptCompletion[]; eval: PromptCompletion[] } {
  const train: PromptCompletion[] = [];
  const held: PromptCompletion[] = [];
  dialogues.forEach((d, i) => {
    const records = d.chunks.flatMap((chunk) => pieceRecords(d.meta, d.turns, chunk));
    (heldOut.has(i) ? held : train).push(...records);
  });
  return { train, eval: held };
}
