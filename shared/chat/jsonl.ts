// Append-only JSONL files (chats, corrections, evaluations) as they are found after a crash: every complete
// line is kept, a torn last line (the process died mid-append) is recognised, and any other damaged line is
// named by number instead of silently vanishing. Pure, so the recovery rules are unit-tested.

/** A line that could not be read, by 1-based line number. */
export interface BadLine {
  line: number;
  reason: string;
}

/** The readable lines of a JSONL text, and what was wrong with the rest. */
export interface ParsedJsonl {
  /** Each readable value with its 1-based line number. */
  entries: { line: number; value: unknown }[];
  /** The unfinished last line (no trailing newline and not valid JSON), with the byte length of the good part before it. */
  torn: { text: string; keepChars: number } | null;
  bad: BadLine[];
}

/** Parses JSONL text; an unterminated last line that is not valid JSON counts as torn, not bad. */
export function parseJsonl(text: string): ParsedJsonl {
  const entries: ParsedJsonl['entries'] = [];
  const bad: BadLine[] = [];
  let torn: ParsedJsonl['torn'] = null;
  const lines = text.split('\n');
  let offset = 0;
  lines.forEach((raw, index) => {
    const isLast = index === lines.length - 1;
    const start = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    try {
      entries.push({ line: index + 1, value: JSON.parse(line) });
    } catch (error) {
      if (isLast) torn = { text: raw, keepChars: start };
      else bad.push({ line: index + 1, reason: `not valid JSON (${(error as Error).message})` });
    }
  });
  return { entries, torn, bad };
}

/** One record as a JSONL line. */
export function jsonlLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
