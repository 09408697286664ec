import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldShell, ProblemText, useField } from './FieldShell';

/** Tags as chips: Enter or a comma adds the typed tag, × removes one, Backspace in an empty box removes the last. */
export function TagsField() {
  const { t } = useTranslation('characters');
  const id = useId();
  const [tags = [], setTags] = useField<string[]>(['tags']);
  const [text, setText] = useState('');
  const add = (): void => {
    const tag = text.trim();
    if (tag !== '') setTags([...tags, tag]);
    setText('');
  };
  // A comma (ASCII or full-width, as Chinese IMEs type it) ends a tag, also when pasted.
  const typed = (value: string): void => {
    const parts = value.split(/[,，]/);
    const done = parts.slice(0, -1).map((p) => p.trim()).filter((p) => p !== '');
    if (done.length > 0) setTags([...tags, ...done]);
    setText(parts.at(-1) ?? '');
  };
  return (
    <FieldShell label={t('fields.tags.label')} hint={t('fields.tags.hint')} path={['tags']} htmlFor={id}>
      <div className="tags-input">
        {tags.map((tag, i) => (
          <span key={`${tag}-${i}`} className="chip">
            {tag}
            <button type="button" className="icon" aria-label={`${t('list.remove')} ${tag}`} onClick={() => setTags(tags.filter((_, j) => j !== i))}>×</button>
            <ProblemText path={['tags', i]} />
          </span>
        ))}
        <input
          id={id}
          type="text"
          value={text}
          data-testid="field-tags"
          onChange={(e) => typed(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && text === '' && tags.length > 0) setTags(tags.slice(0, -1));
          }}
          onBlur={add}
        />
      </div>
    </FieldShell>
  );
}
