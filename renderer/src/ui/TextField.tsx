import type { ComponentProps } from 'react';
import { Field } from './Field';

/**
 * A labelled input with an optional hint and an error shown at the field
 * (a Field with an input). A required input shows no mark here; forms that
 * mark their required fields use Field.
 */
export function TextField({
  label,
  hint,
  error,
  ...input
}: { label: string; hint?: string | undefined; error?: string | undefined } & ComponentProps<'input'>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <input {...input} {...control} required={input.required} />}
    </Field>
  );
}
