import { useId, type ReactNode } from 'react';

/** What a control inside a Field needs to be tied to its label, hint and error. */
export interface FieldControl {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  required: boolean | undefined;
}

/**
 * A labelled control of any kind (input, select, textarea, secret input) with
 * a required mark, a hint and an error at the field. The hint and the error
 * describe the control (aria-describedby) rather than sit in the label, so its
 * name stays short and a screen reader reads them as its description.
 */
export function Field({
  label,
  hint,
  error,
  required,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  children: (control: FieldControl) => ReactNode;
}) {
  const id = useId();
  // An error that already quotes the hint (the engine's "X needs the Y. <help>") makes it redundant.
  const hintShown = hint && !(typeof hint === 'string' && error?.includes(hint)) ? hint : undefined;
  const hintId = hintShown ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      {/* The mark sits beside the label, not in it, so the field's name is the label alone. */}
      <span className="field-label">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        )}
      </span>
      {children({
        id,
        'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
        'aria-invalid': error ? true : undefined,
        required: required || undefined,
      })}
      {error && (
        <small id={errorId} className="error">
          {error}
        </small>
      )}
      {hintShown && <small id={hintId}>{hintShown}</small>}
    </div>
  );
}
