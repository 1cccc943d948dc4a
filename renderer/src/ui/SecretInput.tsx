import { useState, type ComponentProps } from 'react';

/**
 * A password input with a Show/Hide toggle, so a pasted secret can be checked
 * before it is saved. The button's name is just "Show"/"Hide": it sits next
 * to its field, and a longer name would be found as the field's label.
 */
export function SecretInput(props: Omit<ComponentProps<'input'>, 'type'> & { id: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="secret-input">
      <input {...props} type={shown ? 'text' : 'password'} spellCheck={false} autoComplete="new-password" />
      <button type="button" aria-controls={props.id} aria-pressed={shown} onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide' : 'Show'}
      </button>
    </span>
  );
}
