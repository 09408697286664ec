import Papa from 'papaparse';
import type { DialogueTurn } from '../prompt/characterglm-format';
import { speakerForRole } from './role-names';
import { sampleProblem, type DatasetIssue, type ParsedDataset, type TrainingSample } from './training-sample';

// CSV datasets with a header row, in either of two shapes:
//  - exchanges: a user column and a reply column (user/prompt/input/question + assistant/response/output/
//    answer/reply), one exchange per row;
//  - turns: a role column (role/speaker) and a text column (content/text/message), one turn per row.
// An optional conversation column (conversation/conversation_id/dialogue/session) groups consecutive rows
// into one multi-turn dialogue; without it, exchanges are one dialogue each and turn rows form one dialogue.

const USER_COLUMNS = ['user', 'prompt', 'input', 'question', 'instruction', 'human', '用户'];
const REPLY_COLUMNS = ['assistant', 'response', 'output', 'answer', 'reply', 'character', 'bot', 'gpt', '回复', '角色'];
const ROLE_COLUMNS = ['role', 'speaker', 'from'];
const TEXT_COLUMNS = ['content', 'text', 'message', 'value'];
const CONVERSATION_COLUMNS = ['conversation', 'conversation_id', 'dialogue', 'dialogue_id', 'session', 'session_id'];

interface Row {
  line: number;
  cells: Record<string, string>;
}

function findColumn(fields: readonly string[], names: readonly string[]): string | undefined {
  return fields.find((f) => names.includes(f.trim().toLowerCase()));
}

function readRows(text: string, issues: DatasetIssue[]): { fields: string[]; rows: Row[] } {
  const clean = text.replace(/^\uFEFF/, '');
  const lineAt = (offset: number): number => clean.slice(0, offset).split('\n').length;
  const rows: Row[] = [];
  let fields: string[] = [];
  let start = 0;
  Papa.parse<Record<string, string>>(clean, {
    header: true,
    skipEmptyLines: 'greedy',
    step(result) {
      fields = result.meta.fields ?? fields;
      const line = lineAt(start + (clean.slice(start).match(/^\s*/)?.[0].length ?? 0));
      for (const error of result.errors) issues.push({ line, message: `CSV: ${error.message}` });
      rows.push({ line, cells: result.data });
      start = result.meta.cursor;
    },
  });
  return { fields, rows };
}

/** Parses a CSV dataset. */
export function parseCsv(text: string): ParsedDataset {
  const issues: DatasetIssue[] = [];
  const { fields, rows } = readRows(text, issues);
  const userCol = findColumn(fields, USER_COLUMNS);
  const replyCol = findColumn(fields, REPLY_COLUMNS);
  const roleCol = findColumn(fields, ROLE_COLUMNS);
  const textCol = findColumn(fields, TEXT_COLUMNS);
  const convCol = findColumn(fields, CONVERSATION_COLUMNS);
  const exchanges = userCol !== undefined && replyCol !== undefined;
  if (!exchanges && (roleCol === undefined || textCol === undefined)) {
    return {
      format: 'csv', samples: [], notes: [],
      issues: [{ line: 1, message: `the header (${fields.join(', ') || 'empty'}) needs user and assistant columns, or role and content columns` }],
    };
  }

  const groups: Array<{ line: number; key: string | null; turns: DialogueTurn[] }> = [];
  for (const row of rows) {
    const key = convCol ? (row.cells[convCol] ?? '').trim() : null;
    const last = groups.at(-1);
    const sameGroup = last && (convCol ? last.key === key : !exchanges);
    const group = sameGroup ? last : { line: row.line, key, turns: [] };
    if (!sameGroup) groups.push(group);
    if (exchanges) {
      group.turns.push({ speaker: 'user', text: row.cells[userCol] ?? '' }, { speaker: 'character', text: row.cells[replyCol] ?? '' });
      continue;
    }
    const role = row.cells[roleCol!] ?? '';
    const speaker = speakerForRole(role);
    if (speaker === null) issues.push({ line: row.line, message: `unknown role "${role}" (use user or assistant)` });
    else if (speaker !== 'system') group.turns.push({ speaker, text: row.cells[textCol!] ?? '' });
  }

  const samples: TrainingSample[] = [];
  for (const group of groups) {
    const sample: TrainingSample = { turns: group.turns, line: group.line };
    const problem = sampleProblem(sample);
    if (problem) issues.push({ line: group.line, message: problem });
    else samples.push(sample);
  }
  return { format: 'csv', samples, issues: issues.sort((a, b) => a.line - b.line), notes: [] };
}
