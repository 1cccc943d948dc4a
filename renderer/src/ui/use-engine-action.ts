import { useState } from 'react';
import type { ContractClient } from '../api/contract-client';
import { useEngine } from '../state/engine-store';
import { errorDetails } from './error-details';

/** A button's call to the engine: busy while it runs, then `onDone`, or the error to show beside the button. */
export function useEngineAction(onDone: () => void) {
  const client = useEngine((s) => s.client);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function run(call: (client: ContractClient) => Promise<unknown>) {
    if (!client) return;
    setState({ busy: true });
    try {
      await call(client);
      setState({ busy: false });
      onDone();
    } catch (error) {
      setState({ busy: false, error: errorDetails(error).message });
    }
  }

  return { ...state, run };
}
