// Long dialogues are cut into pieces that fit the training window. Every piece repeats the header
// (control tokens and profiles, as every chat prompt has them), keeps the user message before its first
// reply, and ends on a reply; every reply is learnt in exactly one piece. A single exchange that cannot
// fit at all is a problem to show the writer, never silently dropped.

/** Token lengths of one dialogue: its header, each turn (tag + text), and which turns are trained. */
export interface DialogueLengths {
  header: number;
  turns: number[];
  trained: boolean[];
  /** Whether each turn is the user's (a piece starts on the user message before its first reply). */
  user: boolean[];
}

/** A piece of a dialogue: turns [start, end). A trained turn at `end - 1` learns end-of-sequence after it. */
export interface ChunkRange {
  start: number;
  end: number;
  tokens: number;
}

export type ChunkPlan = { chunks: ChunkRange[]; tooLong: null } | { chunks: null; tooLong: { turn: number; tokens: number } };

/** Cuts a dialogue into pieces of at most `window` tokens (the end-of-sequence token included). */
export function planChunks(d: DialogueLengths, window: number): ChunkPlan {
  const chunks: ChunkRange[] = [];
  const n = d.turns.length;
  const size = (start: number, end: number): number =>
    d.header + d.turns.slice(start, end).reduce((a, b) => a + b, 0) + (end > start && d.trained[end - 1] ? 1 : 0);
  let start = 0;
  for (;;) {
    const next = d.trained.indexOf(true, start);
    if (next === -1) return { chunks, tooLong: null };
    let end = start;
    let lastTrainedEnd = -1;
    while (end < n && size(start, end + 1) <= window) {
      end++;
      if (d.trained[end - 1]) lastTrainedEnd = end;
    }
    if (lastTrainedEnd === -1) {
      // not even the next reply fits after this much context: keep only its user message
      const minimal = next > start && d.user[next - 1] ? next - 1 : next;
      if (start < minimal) {
        start = minimal;
        continue;
      }
      return { chunks: null, tooLong: { turn: next, tokens: size(minimal, next + 1) } };
    }
    chunks.push({ start, end: lastTrainedEnd, tokens: size(start, lastTrainedEnd) });
    start = lastTrainedEnd;
  }
}
