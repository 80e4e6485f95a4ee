import { useId, type ReactNode } from 'react';

/** What a form control needs to be labelled and to point at its error. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  /** The visible label; also the control's accessible name unless it sets its own. */
  label: string;
  /** The field's error, shown right after the control (role="alert"). */
  error?: string | null;
  /** A note under the control (not an error). */
  note?: ReactNode;
  className?: string;
  children(control: ControlProps): ReactNode;
}

/**
 * A labelled control with its error beside it: the control gets `aria-invalid` and
 * `aria-describedby` pointing at the error, which comes right after it.
 */
export function Field({ label, error, note, className = 'field', children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': error ? errorId : undefined,
      })}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {note}
    </div>
  );
}
