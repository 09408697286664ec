import { useState, type ReactNode } from 'react';

/** One choice of a mode-or-number setting: a named mode, or the mode whose value is a number typed below. */
export interface CountFieldMode<M extends string> {
  value: M | 'count';
  label: string;
}

/**
 * A setting that is either a named mode or a whole number in a range (GPU layers, context size, GPU memory):
 * a select, and the number's field while "count" is chosen. The number is stored only once it is a whole
 * number in range, so clearing the field to type a new one, or typing "2" on the way to "2048", stores nothing;
 * the field shows the stored number again when it loses focus.
 */
export function CountField<M extends string>(props: {
  label: string;
  note: ReactNode;
  testId: string;
  modes: CountFieldMode<M>[];
  value: M | number;
  /** What choosing "count" stores first. */
  initialCount: number;
  min: number;
  max: number;
  step?: number;
  unit?: string;
  disabled?: boolean;
  onChange: (value: M | number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const { value, min, max } = props;
  const countLabel = props.modes.find((m) => m.value === 'count')?.label ?? props.label;
  return (
    <label className="field">
      <span>{props.label}</span>
      <select
        data-testid={`${props.testId}-mode`}
        value={typeof value === 'number' ? 'count' : value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value === 'count' ? props.initialCount : (e.target.value as M))}
      >
        {props.modes.map((m) => (
          <option key={m.value} value={m.value}>{m.label}</option>
        ))}
      </select>
      {typeof value === 'number' && (
        <span className="count-field">
          <input
            type="number"
            data-testid={`${props.testId}-count`}
            aria-label={countLabel}
            min={min}
            max={max}
            step={props.step}
            value={draft ?? value}
            disabled={props.disabled}
            onChange={(e) => {
              setDraft(e.target.value);
              const count = Number(e.target.value);
              if (/^\d+$/.test(e.target.value) && count >= min && count <= max) props.onChange(count);
            }}
            onBlur={() => setDraft(null)}
          />
          {props.unit && <span>{props.unit}</span>}
        </span>
      )}
      <small>{props.note}</small>
    </label>
  );
}
