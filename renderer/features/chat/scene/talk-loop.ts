// "Let them talk": character lines one after another, each turn waiting for the one before. The loop ends
// early when told to stop (Stop, Esc, the user stepping in) or when a turn did not end well (an error, a
// reply the user stopped), so a failing model is not asked again and again.

/** A running "Let them talk". */
export interface TalkLoop {
  readonly turns: number;
  /** Ends the loop once the turn in progress is over (that turn is stopped, if at all, by its own handle). */
  stop(): void;
  readonly stopped: boolean;
  /** Settles when the loop has ended, with the number of turns that ended well. */
  readonly done: Promise<number>;
}

/**
 * Plays up to `turns` turns with `takeTurn` (true when the turn ended well), one at a time; `onPlayed`
 * hears the count after each good turn.
 */
export function startTalkLoop(turns: number, takeTurn: (index: number) => Promise<boolean>, onPlayed: (played: number) => void = () => undefined): TalkLoop {
  let stopped = false;
  const run = async (): Promise<number> => {
    let played = 0;
    while (played < turns && !stopped) {
      const ok = await takeTurn(played).catch(() => false);
      if (!ok) break;
      played += 1;
      onPlayed(played);
    }
    stopped = true;
    return played;
  };
  const done = run();
  return {
    turns,
    stop: () => {
      stopped = true;
    },
    get stopped() {
      return stopped;
    },
    done,
  };
}

/** How many turns "Let them talk" plays unless told otherwise. */
export const DEFAULT_TALK_TURNS = 3;
/** The most turns one "Let them talk" plays. */
export const MAX_TALK_TURNS = 20;

/** The turn count typed in the box, kept between one and MAX_TALK_TURNS (the default when it is not a number). */
export function talkTurns(typed: string): number {
  const n = Math.trunc(Number(typed));
  if (typed.trim() === '' || !Number.isFinite(n)) return DEFAULT_TALK_TURNS;
  return Math.min(MAX_TALK_TURNS, Math.max(1, n));
}
