// Streaming text of a reply as tokens arrive: what is safe to show now, and where the reply stops. Pure so
// the stop rules (DESIGN.md §3: the end of the line ends a CharacterGLM reply) are unit-tested without a model.

/** The result of feeding the reply's full decoded text so far. */
export interface ReplyTextStep {
  /** New text that is now safe to show (never taken back later). */
  emit: string;
  /** True when a stop string appeared; `text` is then the final reply. */
  stopped: boolean;
  /** The reply as it stands: everything safe so far, or the cut text when stopped. */
  text: string;
}

const REPLACEMENT = '\uFFFD';

/**
 * Tracks a reply's text. Text that could still turn into a stop string (a template's `</s>` arriving as `</` then `s>`) or an
 * unfinished multi-byte character (a trailing U+FFFD from a split UTF-8 sequence) is held back until the
 * next token decides it.
 */
export class ReplyText {
  private shown = 0;

  constructor(private readonly stopStrings: readonly string[]) {}

  /** Feed the full decoded text of all tokens generated so far. */
  push(full: string): ReplyTextStep {
    let cut = -1;
    for (const stop of this.stopStrings) {
      // Nothing shown can start a stop string (its first characters are held back), so the search starts
      // at what is not shown yet: each token costs its own text, not the whole reply's.
      const at = full.indexOf(stop, this.shown);
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      const text = full.slice(0, cut);
      const emit = text.slice(Math.min(this.shown, text.length));
      this.shown = text.length;
      return { emit, stopped: true, text };
    }
    const safe = full.length - this.heldBack(full);
    const emit = safe > this.shown ? full.slice(this.shown, safe) : '';
    this.shown = Math.max(this.shown, safe);
    return { emit, stopped: false, text: full.slice(0, this.shown) };
  }

  /** Feed the final text when generation ended without a stop string (EOS, length, cancel). */
  finish(full: string): ReplyTextStep {
    const text = full.endsWith(REPLACEMENT) ? full.replace(/\uFFFD+$/, '') : full;
    const emit = text.slice(Math.min(this.shown, text.length));
    this.shown = text.length;
    return { emit, stopped: false, text };
  }

  private heldBack(full: string): number {
    let hold = 0;
    for (const stop of this.stopStrings) {
      for (let n = Math.min(stop.length - 1, full.length); n > hold; n--) {
        if (full.endsWith(stop.slice(0, n))) {
          hold = n;
          break;
        }
      }
    }
    let replacement = 0;
    while (replacement < full.length && full[full.length - 1 - replacement] === REPLACEMENT) replacement++;
    return Math.max(hold, replacement);
  }
}
