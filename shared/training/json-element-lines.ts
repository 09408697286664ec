// The line on which each element of a top-level JSON array starts, so problems in a whole-file JSON
// dataset can be named by line like JSONL ones. JSON.parse reports no positions for valid values, and no
// JSON library in use exposes them, so this small scanner tracks strings and nesting itself.

/** 1-based start lines of the top-level array's elements (empty when the text is not an array). */
export function jsonArrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectElement = false;
  for (const ch of text) {
    if (ch === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === 1 && expectElement && ch !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      if (depth === 0 && ch === '[') expectElement = true;
      depth++;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return lines;
}
