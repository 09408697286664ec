import { jsonArrayElementLines } from './json-element-lines';
import { dialogueFromObject } from './parse-messages-jsonl';
import type { DatasetIssue, ParsedDataset, TrainingSample } from './training-sample';

// CharacterGLM-style session files: each session is its meta (the official demo's `session_meta`:
// bot_name, user_name, bot_info, user_info) and its messages ({role, content}, roles user/assistant).
// Accepted as one JSON object, a JSON array of sessions, or JSONL with one session per line. The
// sessions keep their own names and profiles: that is the data the paper's format was written with.

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The official demo's character.json maps names to profiles and holds no dialogue at all.
function looksLikeCharacterFile(value: unknown): boolean {
  return isObject(value) && !('messages' in value) && Object.values(value).length > 0 &&
    Object.values(value).every((v) => isObject(v) && 'bot_info' in v && !('messages' in v));
}

function collect(entries: Array<{ value: unknown; line: number }>): ParsedDataset {
  const samples: TrainingSample[] = [];
  const issues: DatasetIssue[] = [];
  for (const { value, line } of entries) {
    if (isObject(value) && !isObject(value.session_meta) && !isObject(value.meta) && !isObject(value.characterglm)) {
      issues.push({ line, message: 'a session needs its "session_meta" (bot_name, user_name, bot_info, user_info)' });
      continue;
    }
    const parsed = dialogueFromObject(value, line);
    if (parsed.issue) issues.push({ line, message: parsed.issue });
    else if (parsed.sample) samples.push(parsed.sample);
  }
  return { format: 'session', samples, issues, notes: [] };
}

/** Parses session files (JSON object, JSON array or JSONL). */
export function parseSessionFile(text: string): ParsedDataset {
  const clean = text.replace(/^\uFEFF/, '');
  let whole: unknown;
  try {
    whole = JSON.parse(clean);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined) {
    if (looksLikeCharacterFile(whole)) {
      return {
        format: 'session', samples: [], notes: [],
        issues: [{ line: 1, message: 'this file holds character profiles (like the official character.json), not dialogues: import it in Characters' }],
      };
    }
    if (Array.isArray(whole)) {
      const lines = jsonArrayElementLines(clean);
      return collect(whole.map((value, i) => ({ value, line: lines[i] ?? 1 })));
    }
    return collect([{ value: whole, line: 1 }]);
  }
  const entries: Array<{ value: unknown; line: number }> = [];
  const issues: DatasetIssue[] = [];
  for (const [index, raw] of clean.split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    try {
      entries.push({ value: JSON.parse(raw), line: index + 1 });
    } catch (error) {
      issues.push({ line: index + 1, message: `not valid JSON (${(error as Error).message})` });
    }
  }
  const parsed = collect(entries);
  return { ...parsed, issues: [...issues, ...parsed.issues].sort((a, b) => a.line - b.line) };
}
