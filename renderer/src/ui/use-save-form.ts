import { useEffect, useRef, useState } from 'react';
import type { ContractClient } from '../api/contract-client';
import { useEngine } from '../state/engine-store';
import { errorDetails, type ErrorDetails } from './error-details';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | ({ kind: 'failed' } & ErrorDetails);

/**
 * A form that opens to add or edit one thing and saves it to the engine. The
 * field `firstField` (a selector) takes the focus when it opens; after a
 * failure the first field in error does, since the fieldset, disabled while
 * saving, dropped it.
 */
export function useSaveForm(firstField: string) {
  const client = useEngine((s) => s.client);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>(firstField)?.focus();
  }, [firstField]);
  useEffect(() => {
    if (state.kind === 'failed') form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  const errors = state.kind === 'failed' ? state.fields : {};
  return {
    form,
    saving: state.kind === 'saving',
    failed: state.kind === 'failed',
    /** Messages by field name. */
    errors,
    /** The failure's message, when none of the fields the form shows has one of its own. */
    general: (shown: readonly string[]) => (state.kind === 'failed' && !shown.some((f) => errors[f]) ? state.message : ''),
    /** Refuses the form without asking the engine (a field left empty). */
    fail: (details: ErrorDetails) => setState({ kind: 'failed', ...details }),
    /** Runs `save`; a failure shows, read by `describe`, at its fields. */
    async save(save: (client: ContractClient) => Promise<void>, describe: (error: unknown) => ErrorDetails = errorDetails) {
      if (!client) return;
      setState({ kind: 'saving' });
      try {
        await save(client);
      } catch (error) {
        setState({ kind: 'failed', ...describe(error) });
      }
    },
  };
}
