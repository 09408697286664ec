// Undo/redo across every field of the editor. Each entry is a whole draft snapshot (objects are shared
// between snapshots, so this is cheap); typing into one field within a short pause is one entry, as
// text editors do, so Ctrl+Z takes back a word-burst rather than one letter.

/** The undo and redo stacks plus what the last change was, for coalescing. */
export interface EditHistory<T> {
  past: T[];
  future: T[];
  lastKey: string | null;
  lastAt: number;
}

/** Enough for a long session; older steps fall off so memory stays bounded. */
export const HISTORY_LIMIT = 200;
/** A pause longer than this in typing starts a new undo step. */
export const COALESCE_MS = 1200;

/** An empty history. */
export function emptyHistory<T>(): EditHistory<T> {
  return { past: [], future: [], lastKey: null, lastAt: 0 };
}

/**
 * Records that `before` is being replaced by a change to `key` at time `now`. A change to the same key
 * soon after the previous one joins its entry (no new undo step).
 */
export function record<T>(history: EditHistory<T>, before: T, key: string, now: number): EditHistory<T> {
  const joins = history.lastKey === key && now - history.lastAt < COALESCE_MS && history.past.length > 0;
  const past = joins ? history.past : [...history.past, before].slice(-HISTORY_LIMIT);
  return { past, future: [], lastKey: key, lastAt: now };
}

/** Steps back: the state to show and the new history, or null when there is nothing to undo. */
export function undo<T>(history: EditHistory<T>, current: T): { state: T; history: EditHistory<T> } | null {
  const state = history.past.at(-1);
  if (state === undefined) return null;
  return { state, history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 } };
}

/** Steps forward again after an undo. */
export function redo<T>(history: EditHistory<T>, current: T): { state: T; history: EditHistory<T> } | null {
  const [state, ...future] = history.future;
  if (state === undefined) return null;
  return { state, history: { past: [...history.past, current], future, lastKey: null, lastAt: 0 } };
}
