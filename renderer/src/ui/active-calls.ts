import { useEffect } from 'react';
import { create } from 'zustand';
import type { ActiveCall } from '../../../shared/call-records';
import type { ContractClient } from '../api/contract-client';
import { useEngine } from '../state/engine-store';

interface ActiveCallsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  calls: ActiveCall[];
  error: string | undefined;
  load(client: ContractClient): Promise<void>;
  /** Applies a calls.changed event: the whole list, as the engine has it now. */
  receive(calls: ActiveCall[]): void;
}

/** The calls in progress: the Admin card and the Presence view share them. */
export const useActiveCalls = create<ActiveCallsState>((set) => ({
  status: 'idle',
  calls: [],
  error: undefined,
  async load(client) {
    set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: undefined }));
    try {
      set({ status: 'ready', calls: await client.call('calls.active', {}) });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  receive(calls) {
    set({ status: 'ready', calls, error: undefined });
  },
}));

export type LiveActiveCalls = Pick<ActiveCallsState, 'status' | 'calls' | 'error'> & { reload: () => void };

/**
 * Keeps the calls in progress live while a view shows them: listens for
 * calls.changed before it loads, so no change falls between the two (the
 * bridge delivers events and answers in order, and each carries the whole
 * list, so the last one to arrive is the truth). Loads again after a reconnect.
 */
export function useLiveActiveCalls(): LiveActiveCalls {
  const client = useEngine((s) => s.client);
  const connected = useEngine((s) => s.connection === 'connected');
  const state = useActiveCalls();

  useEffect(() => {
    if (!client || !connected) return;
    const { receive, load } = useActiveCalls.getState();
    const unsubscribe = client.on('calls.changed', receive);
    void load(client);
    return unsubscribe;
  }, [client, connected]);

  return { status: state.status, calls: state.calls, error: state.error, reload: () => client && void state.load(client) };
}
