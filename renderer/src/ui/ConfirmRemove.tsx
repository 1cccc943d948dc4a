import { useEffect, useRef, useState } from 'react';
import { errorDetails } from './error-details';

type RemoveState = { kind: 'idle' } | { kind: 'confirming' } | { kind: 'removing' } | { kind: 'failed'; message: string };

/**
 * A Remove button that asks first ("Remove X? Yes, remove / Cancel"). Cancel
 * takes the focus, so a second Enter does not remove; Escape cancels.
 */
export function ConfirmRemove({ what, label, onRemove }: { what: string; label: string; onRemove: () => Promise<unknown> }) {
  const [state, setState] = useState<RemoveState>({ kind: 'idle' });
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (state.kind === 'confirming') cancelButton.current?.focus();
  }, [state.kind]);

  async function remove() {
    setState({ kind: 'removing' });
    try {
      await onRemove();
    } catch (error) {
      setState({ kind: 'failed', message: errorDetails(error).message });
    }
  }

  if (state.kind === 'confirming' || state.kind === 'removing') {
    return (
      <span className="confirm" role="group" aria-label={`Confirm removal of ${label}`} onKeyDown={(e) => e.key === 'Escape' && setState({ kind: 'idle' })}>
        <span>Remove {what}?</span>
        <button type="button" className="danger" disabled={state.kind === 'removing'} onClick={() => void remove()}>
          {state.kind === 'removing' ? 'Removing…' : 'Yes, remove'}
        </button>
        <button type="button" ref={cancelButton} disabled={state.kind === 'removing'} onClick={() => setState({ kind: 'idle' })}>
          Cancel
        </button>
      </span>
    );
  }
  return (
    <>
      {state.kind === 'failed' && (
        <span className="error" role="alert">
          {state.message}
        </span>
      )}
      <button type="button" className="danger" aria-label={`Remove ${label}`} onClick={() => setState({ kind: 'confirming' })}>
        Remove
      </button>
    </>
  );
}
