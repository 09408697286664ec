import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Fact } from '../../../shared/chat/memory';

interface Props {
  facts: Fact[];
  label: string;
  testId: string;
  disabled: boolean;
  onChange: (facts: Fact[]) => void;
}

/** A list of facts to write, edit (saved on leaving the field), reorder and unpin. */
export function FactList({ facts, label, testId, disabled, onChange }: Props) {
  const { t } = useTranslation('memory');
  const [draft, setDraft] = useState('');
  const move = (from: number, to: number): void => {
    const next = [...facts];
    const [fact] = next.splice(from, 1);
    if (fact) next.splice(to, 0, fact);
    onChange(next);
  };
  const add = (): void => {
    if (draft.trim() === '') return;
    // An id unique within the list; the service keeps it as given.
    onChange([...facts, { id: `fact-${Date.now().toString(36)}-${facts.length}`, text: draft.trim() }]);
    setDraft('');
  };
  return (
    <fieldset className="fact-list" data-testid={testId}>
      <legend>{label}</legend>
      {facts.length === 0 && <p className="muted">{t('noFacts')}</p>}
      <ol>
        {facts.map((fact, i) => (
          <li key={fact.id} className="row" data-testid="fact">
            <input
              aria-label={label} defaultValue={fact.text} disabled={disabled} data-testid="fact-text"
              onBlur={(e) => {
                const text = e.target.value.trim();
                if (text !== '' && text !== fact.text) onChange(facts.map((f) => (f.id === fact.id ? { ...f, text } : f)));
              }}
            />
            <button type="button" className="icon" aria-label={t('up')} disabled={disabled || i === 0} onClick={() => move(i, i - 1)}>↑</button>
            <button type="button" className="icon" aria-label={t('down')} disabled={disabled || i === facts.length - 1} onClick={() => move(i, i + 1)}>↓</button>
            <button type="button" className="icon" aria-label={t('unpin')} data-testid="fact-unpin" disabled={disabled} onClick={() => onChange(facts.filter((f) => f.id !== fact.id))}>×</button>
          </li>
        ))}
      </ol>
      <div className="row">
        <input
          aria-label={t('newFact')} placeholder={t('newFact')} value={draft} disabled={disabled} data-testid={`${testId}-new`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <button type="button" disabled={disabled || draft.trim() === ''} data-testid={`${testId}-add`} onClick={add}>{t('add')}</button>
      </div>
    </fieldset>
  );
}
