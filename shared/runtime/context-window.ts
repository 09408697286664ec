// Which turns fit in the model's context. When it fills, the oldest turns leave first; the profile and the
// greeting always stay. Dropping is sticky and goes down to a low-water mark, so the prompt's prefix stays
// the same for many turns afterwards and the KV cache keeps being reused instead of re-read every turn.

/** Token lengths of the parts of a prompt. */
export interface WindowInput {
  /** Control tokens plus the profile header. */
  prefix: number;
  /** Each turn's tokens, oldest first. */
  turns: readonly number[];
  /** The open reply tag (or the partial reply being continued). */
  tail: number;
  /** Leading turns that never leave (the greeting). */
  keepFirst: number;
  /** Tokens the prompt may use: the context size minus room for the reply. */
  budget: number;
  /** Turns dropped for the previous reply of this chat. */
  previousDrop: number;
  /** When dropping, drop until the prompt uses at most this share of the budget. */
  lowWater?: number;
}

/** How many turns (after the kept ones) to leave out, and whether the rest fits. */
export interface WindowChoice {
  drop: number;
  fits: boolean;
  tokens: number;
}

/** Chooses how many of the oldest droppable turns to leave out of the prompt. */
export function chooseWindow(input: WindowInput): WindowChoice {
  const keep = Math.min(input.keepFirst, input.turns.length);
  // The newest turn (the message being answered) never leaves.
  const droppable = Math.max(0, input.turns.length - keep - 1);
  const fixed = input.prefix + input.tail + input.turns.slice(0, keep).reduce((a, b) => a + b, 0);
  const rest = input.turns.slice(keep);
  const total = (drop: number): number => fixed + rest.slice(drop).reduce((a, b) => a + b, 0);
  let drop = Math.min(Math.max(0, input.previousDrop), droppable);
  if (total(drop) <= input.budget) return { drop, fits: true, tokens: total(drop) };
  const target = Math.floor(input.budget * (input.lowWater ?? 0.75));
  while (drop < droppable && total(drop) > target) drop++;
  return { drop, fits: total(drop) <= input.budget, tokens: total(drop) };
}

/** Room to keep free for the reply: the max tokens setting, capped at a quarter of the context. */
export function replyReserve(contextSize: number, maxTokens: number): number {
  return Math.max(1, Math.min(maxTokens, Math.floor(contextSize / 4)));
}
