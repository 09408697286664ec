import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getAt, pathKey, type FieldPath } from '../draft-path';
import { useEditor } from '../editor-store';

/** The current value at a path of the draft, and a setter that records an undo step. */
export function useField<T>(path: FieldPath): [T, (value: T) => void] {
  const value = useEditor((s) => getAt(s.draft, path)) as T;
  const update = useEditor((s) => s.update);
  return [value, (next: T) => update(path, next)];
}

/** The validation message for a path, translated, with its severity; null when the field is fine. */
export function useProblem(path: FieldPath): { message: string; severity: 'error' | 'warning' } | null {
  const { t } = useTranslation('characters');
  const problem = useEditor((s) => s.problems[pathKey(path)]);
  if (!problem) return null;
  return { message: t(`problems.${problem.code}`, { limit: problem.limit }), severity: problem.severity };
}

/** A validation message next to its field (errors block saving, warnings do not). */
export function ProblemText({ path }: { path: FieldPath }) {
  const problem = useProblem(path);
  if (!problem) return null;
  return (
    <span className={`field-problem ${problem.severity}`} role="alert" data-testid={`problem-${pathKey(path)}`}>
      {problem.message}
    </span>
  );
}

/** Label, guidance and validation around one field. */
export function FieldShell({ label, hint, path, htmlFor, children }: { label: string; hint?: string; path: FieldPath; htmlFor?: string; children: ReactNode }) {
  return (
    <div className="cfield" data-field={pathKey(path)}>
      <label className="cfield-label" htmlFor={htmlFor}>{label}</label>
      {hint && <small className="cfield-hint">{hint}</small>}
      {children}
      <ProblemText path={path} />
    </div>
  );
}
