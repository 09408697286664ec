import { z } from 'zod';

// JSON from strangers (cards, pack files, metadata on disk) can be nested a million levels deep.
// JSON.parse copes, but JSON.stringify, structuredClone and every recursive walk overflow the stack
// later, far from the file that caused it. These checks are loops with their own stack, never
// recursion, so they measure any input safely and the refusal names the file up front.

/** How deep and how large a JSON value may be. */
export interface JsonBounds {
  maxDepth: number;
  /** Approximate serialised size: strings, keys and 8 bytes per other value. */
  maxBytes: number;
}

/** "nested deeper than N levels" when `text` nests arrays/objects deeper than `maxDepth`; else null. Does not parse. */
export function jsonTextDepthProblem(text: string, maxDepth: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return `nested deeper than ${maxDepth} levels`;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

/** What makes a parsed value exceed `bounds` ("nested deeper than …", "larger than …"), or null. */
export function jsonValueProblem(value: unknown, bounds: JsonBounds): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let bytes = 0;
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (typeof v === 'string') bytes += v.length + 2;
    else if (v === null || typeof v !== 'object') bytes += 8;
    else {
      if (depth + 1 > bounds.maxDepth) return `nested deeper than ${bounds.maxDepth} levels`;
      const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
      if (!Array.isArray(v)) for (const key of Object.keys(v as Record<string, unknown>)) bytes += key.length + 3;
      bytes += 2 + children.length;
      // Checked before the children are queued, so one huge array is refused without walking it.
      if (bytes > bounds.maxBytes) break;
      for (const child of children) stack.push({ value: child, depth: depth + 1 });
    }
    if (bytes > bounds.maxBytes) break;
  }
  if (bytes > bounds.maxBytes) return `larger than ${Math.round(bounds.maxBytes / 1024)} KB`;
  return null;
}

/** `schema`, also refusing values past `bounds` (for fields whose shape is open, such as training settings). */
export function withinJsonBounds<T extends z.ZodType>(schema: T, bounds: JsonBounds): T {
  return schema.superRefine((value, ctx) => {
    const problem = jsonValueProblem(value, bounds);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
