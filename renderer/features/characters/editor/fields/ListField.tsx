import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pathKey, type FieldPath } from '../draft-path';
import { FieldShell, ProblemText, useField } from './FieldShell';

/** Moves item `from` to `to` in a copy of `items`. */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/** Add, remove and reorder controls around a list of any items; `renderItem` draws one item's editor. */
export function ListEditor<T>({ path, label, hint, blank, renderItem }: {
  path: FieldPath;
  label: string;
  hint?: string;
  blank: T;
  renderItem: (item: T, index: number, itemPath: FieldPath) => ReactNode;
}) {
  const { t } = useTranslation('characters');
  const [items = [], setItems] = useField<T[]>(path);
  const list = useRef<HTMLOListElement>(null);
  const added = useRef(false);
  useEffect(() => {
    // Focus the first input of a newly added item, so "Add" then typing just works.
    if (!added.current) return;
    added.current = false;
    list.current?.querySelector<HTMLElement>('li:last-child input, li:last-child textarea')?.focus();
  }, [items.length]);
  return (
    <FieldShell label={label} hint={hint} path={path}>
      <ol className="list-editor" ref={list} data-testid={`list-${pathKey(path)}`}>
        {items.map((item, i) => (
          <li key={i}>
            <div className="list-item-body">{renderItem(item, i, [...path, i])}</div>
            <div className="list-item-tools">
              <button type="button" className="icon" aria-label={`${t('list.moveUp')} ${i + 1}`} title={t('list.moveUp')} disabled={i === 0} onClick={() => setItems(moved(items, i, i - 1))}>↑</button>
              <button type="button" className="icon" aria-label={`${t('list.moveDown')} ${i + 1}`} title={t('list.moveDown')} disabled={i === items.length - 1} onClick={() => setItems(moved(items, i, i + 1))}>↓</button>
              <button type="button" className="icon danger" aria-label={`${t('list.remove')} ${i + 1}`} title={t('list.remove')} onClick={() => setItems(items.filter((_, j) => j !== i))}>×</button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="add" data-testid={`add-${pathKey(path)}`} onClick={() => { added.current = true; setItems([...items, blank]); }}>
        + {t('list.add')}
      </button>
    </FieldShell>
  );
}

/** One text input per list item, bound to the item's path. */
function ItemInput({ path, index }: { path: FieldPath; index: number }) {
  const { t } = useTranslation('characters');
  const [value, setValue] = useField<string>(path);
  return (
    <>
      <input type="text" value={value ?? ''} aria-label={t('list.item', { n: index + 1 })} data-testid={`field-${pathKey(path)}`} onChange={(e) => setValue(e.target.value)} />
      <ProblemText path={path} />
    </>
  );
}

/** A list of short texts (interests, viewpoints, greetings…). */
export function StringListField({ path, label, hint }: { path: FieldPath; label: string; hint?: string }) {
  return <ListEditor<string> path={path} label={label} hint={hint} blank="" renderItem={(_, i, itemPath) => <ItemInput path={itemPath} index={i} />} />;
}
