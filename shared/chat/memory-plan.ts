// When the rolling summary moves on, and over which turns. The summary is written in the background just
// before the dialogue fills its room (a high-water mark), so at the next turn the new summary and the window's new
// start arrive together: the prompt is re-read once, from the summary on, and between those moments every
// turn reads only its new tokens. If the engine had to drop turns first (a long message filled the context
// early), the plan catches up with what it dropped.

/** Token lengths of the next prompt's parts, measured without the summary, and the window now. */
export interface SummaryPlanInput {
  /** Control tokens and header (profile, lore, facts), without the summary. */
  prefix: number;
  turns: readonly number[];
  tail: number;
  keepFirst: number;
  /** Tokens a prompt may use beside the reply. */
  budget: number;
  /** Turns after the kept ones the engine leaves out now. */
  drop: number;
  /** Turns after the kept ones the current summary stands for. */
  covered: number;
  /** Tokens the summary may take (the chat's setting). */
  summaryTokens: number;
  highWater?: number;
  lowWater?: number;
}

/**
 * Shares of the dialogue's room (the budget less profile, facts, summary allowance and reply tag): past the
 * high-water mark a new summary is written, and the dialogue is brought down to the low-water mark, so the
 * turns between two summaries have the room in between however large the profile is.
 */
export const SUMMARY_HIGH_WATER = 0.85;
export const SUMMARY_LOW_WATER = 0.45;

/** Tokens the summary's label and separators take besides its text (`此前的对话：`, spaces). */
export const SUMMARY_LABEL_TOKENS = 8;

/**
 * How many turns after the kept ones the next summary should cover, or null when the current one still
 * does. The last two turns (the latest exchange) always stay in the dialogue.
 */
export function planSummary(input: SummaryPlanInput): number | null {
  const keep = Math.min(input.keepFirst, input.turns.length);
  const droppable = Math.max(0, input.turns.length - keep - 2);
  const fixed = input.prefix + input.summaryTokens + SUMMARY_LABEL_TOKENS + input.tail + input.turns.slice(0, keep).reduce((a, b) => a + b, 0);
  const room = Math.max(0, input.budget - fixed);
  const rest = input.turns.slice(keep);
  const dialogue = (drop: number): number => rest.slice(drop).reduce((a, b) => a + b, 0);
  const start = Math.min(Math.max(input.covered, input.drop), droppable);
  let through = start;
  if (dialogue(start) > room * (input.highWater ?? SUMMARY_HIGH_WATER)) {
    const target = room * (input.lowWater ?? SUMMARY_LOW_WATER);
    while (through < droppable && dialogue(through) > target) through++;
  }
  return through > input.covered ? through : null;
}
