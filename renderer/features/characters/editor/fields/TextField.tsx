import { useId } from 'react';
import { pathKey, type FieldPath } from '../draft-path';
import { FieldShell, useField, useProblem } from './FieldShell';

/** A one-line or multi-line text field bound to a draft path. */
export function TextField({ path, label, hint, multiline = false, rows = 3 }: { path: FieldPath; label: string; hint?: string; multiline?: boolean; rows?: number }) {
  const id = useId();
  const [value, setValue] = useField<string>(path);
  const invalid = useProblem(path) !== null;
  const common = {
    id,
    value: value ?? '',
    'aria-invalid': invalid || undefined,
    'data-testid': `field-${pathKey(path)}`,
  };
  return (
    <FieldShell label={label} hint={hint} path={path} htmlFor={id}>
      {multiline
        ? <textarea {...common} rows={rows} onChange={(e) => setValue(e.target.value)} />
        : <input {...common} type="text" onChange={(e) => setValue(e.target.value)} />}
    </FieldShell>
  );
}
