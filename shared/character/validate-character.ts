import type { z } from 'zod';
import { characterSchema, type Character } from './character-schema';

// Field-level problems for the editor, keyed by the field's path (`attributes.interests.2`), as codes
// the UI translates. The schema's limits come from zod and block saving (the file would be refused);
// the rules a schema cannot say well (a relation without a person, the same tag twice, an empty example
// line) are warnings: shown next to the field, never a reason to hold back the writer's other edits.

/** What is wrong with one field. */
export interface FieldProblem {
  code: 'required' | 'tooLong' | 'tooMany' | 'duplicate' | 'invalid';
  /** The limit for tooLong / tooMany. */
  limit?: number;
  /** `error`: the character cannot be saved like this; `warning`: it can, but probably should not be. */
  severity: 'error' | 'warning';
}

/** Problems by field path; empty when the character can be saved. */
export type FieldProblems = Record<string, FieldProblem>;

function fromIssue(issue: z.core.$ZodIssue): FieldProblem {
  if (issue.code === 'too_big') {
    const limit = Number(issue.maximum);
    return { code: issue.origin === 'array' ? 'tooMany' : 'tooLong', limit, severity: 'error' };
  }
  if (issue.code === 'too_small') return { code: 'required', severity: 'error' };
  return { code: 'invalid', severity: 'error' };
}

/** Every problem in a draft, first problem per field. */
export function fieldProblems(draft: Character): FieldProblems {
  const problems: FieldProblems = {};
  const add = (path: (string | number)[], problem: FieldProblem): void => {
    const key = path.join('.');
    problems[key] ??= problem;
  };
  const parsed = characterSchema.safeParse(draft);
  if (!parsed.success) for (const issue of parsed.error.issues) add(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), fromIssue(issue));

  draft.attributes.relationships.forEach((r, i) => {
    if (r.name.trim() === '' && r.relation.trim() !== '') add(['attributes', 'relationships', i, 'name'], { code: 'required', severity: 'warning' });
  });
  const seen = new Set<string>();
  draft.tags.forEach((tag, i) => {
    const key = tag.trim().toLowerCase();
    if (key === '') add(['tags', i], { code: 'required', severity: 'warning' });
    else if (seen.has(key)) add(['tags', i], { code: 'duplicate', severity: 'warning' });
    seen.add(key);
  });
  draft.exampleDialogues.forEach((dialogue, d) =>
    dialogue.forEach((line, l) => {
      if (line.text.trim() === '') add(['exampleDialogues', d, l, 'text'], { code: 'required', severity: 'warning' });
    }),
  );
  return problems;
}

/** True when a problem stops the character from being saved. */
export function blocksSave(problems: FieldProblems): boolean {
  return Object.values(problems).some((p) => p.severity === 'error');
}
