import { z } from 'zod';

// Real-world cards are written by many apps and by hand: numbers where strings belong, `null` for
// empty, comma strings where arrays belong. These coercions accept what a careful reader can
// understand and still refuse what it cannot (an object where text belongs), naming the field.

/** Cards nest objects everywhere; arrays and null must not pass for one. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text: null/absent → '', numbers and booleans → their text. */
export const lenientText = z.preprocess(
  (v) => (v === null || v === undefined ? '' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v),
  z.string(),
);

/** Splits a comma string into trimmed, non-empty parts (how many apps store keys and tags). */
export function splitCommaList(text: string): string[] {
  return text.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

const listItems = (v: unknown[]): unknown[] =>
  v.filter((x) => x !== null && x !== undefined).map((x) => (typeof x === 'number' || typeof x === 'boolean' ? String(x) : x));

/** A list of short strings (tags, keys): a comma string is split, null → []. */
export const lenientKeyList = z.preprocess(
  (v) => (v === null || v === undefined ? [] : typeof v === 'string' ? splitCommaList(v) : Array.isArray(v) ? listItems(v) : v),
  z.array(z.string()),
);

/** A list of long texts (greetings): a single string is one item, never split on commas. */
export const lenientTextList = z.preprocess(
  (v) => (v === null || v === undefined ? [] : typeof v === 'string' ? (v.trim() === '' ? [] : [v]) : Array.isArray(v) ? listItems(v) : v),
  z.array(z.string()),
);

/** A number that may arrive as a numeric string; anything unreadable becomes absent. */
export const lenientNumber = z.preprocess((v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}, z.number().optional());

/** A boolean that may arrive as "true"/"false" or 0/1; anything else takes `fallback`. */
export const lenientBoolean = (fallback: boolean) =>
  z.preprocess((v) => {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 1) return true;
    if (v === 'false' || v === 0) return false;
    return fallback;
  }, z.boolean());

/** An `extensions` object: absent/null → {}; every key inside is kept untouched. */
export const lenientRecord = z.preprocess((v) => (v === null || v === undefined ? {} : v), z.record(z.string(), z.unknown()));
