import { useId, type ComponentProps } from 'react';

/**
 * A labelled input with an optional hint and an error shown at the field.
 * The hint and the error are tied to the input (aria-describedby) rather than
 * put inside the label, so the input's name stays short and a screen reader
 * reads them as its description.
 */
export function TextField({
  label,
  hint,
  error,
  ...input
}: { label: string; hint?: string | undefined; error?: string | undefined } & ComponentProps<'input'>) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input {...input} id={id} aria-invalid={error ? true : undefined} aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined} />
      {error && (
        <small id={errorId} className="error">
          {error}
        </small>
      )}
      {hint && <small id={hintId}>{hint}</small>}
    </div>
  );
}
