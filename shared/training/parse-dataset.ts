import { parseCsv } from './parse-csv';
import { parseMessagesJsonl } from './parse-messages-jsonl';
import { parseSessionFile } from './parse-session-file';
import { parseTranscript } from './parse-transcript';
import type { DatasetFormat, ParsedDataset } from './training-sample';

// Picks the parser for an imported file: by the writer's choice, else by extension and a look at the
// first line (session files carry a session_meta; chat JSONL carries messages or conversations).

/** The format a file most likely holds. */
export function detectDatasetFormat(fileName: string, text: string): DatasetFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (name.endsWith('.jsonl') || name.endsWith('.json') || head.startsWith('{') || head.startsWith('[')) {
    return /"(session_meta|meta)"\s*:/.test(text.slice(0, 20_000)) && !/"characterglm"\s*:/.test(text.slice(0, 20_000)) ? 'session' : 'messages';
  }
  return 'transcript';
}

/** Parses `text` as `format` (or the detected one); `characterNames` name the character in transcripts. */
export function parseDataset(fileName: string, text: string, characterNames: readonly string[], format?: DatasetFormat): ParsedDataset {
  const chosen = format ?? detectDatasetFormat(fileName, text);
  const parsed = chosen === 'csv' ? parseCsv(text)
    : chosen === 'session' ? parseSessionFile(text)
    : chosen === 'messages' ? parseMessagesJsonl(text)
    : parseTranscript(text, characterNames);
  if (parsed.samples.length === 0 && parsed.issues.length === 0) {
    return { ...parsed, issues: [{ line: 1, message: 'the file holds no dialogue' }] };
  }
  return parsed;
}
