import { useEffect } from 'react';
import { create } from 'zustand';
import type { TrunkStatus, TrunkView } from '../../../shared/trunks';
import type { ContractClient } from '../api/contract-client';
import { useEngine } from '../state/engine-store';

interface TrunkDirectoryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  trunks: TrunkView[];
  /** Live state per trunk name. */
  statuses: Record<string, TrunkStatus>;
  error: string | undefined;
  /** Loads the list; keeps showing the last one while it reloads. */
  load(client: ContractClient): Promise<void>;
  /** Applies a trunks.status event. */
  receive(status: TrunkStatus): void;
}

/** The newer of two statuses of one trunk: a list answer may be older than an event that came before it. */
function newer(current: TrunkStatus | undefined, next: TrunkStatus): TrunkStatus {
  return current && current.updatedAt > next.updatedAt ? current : next;
}

/** Every trunk with its live status: the Trunks view and the Routes view share it. */
export const useTrunkDirectory = create<TrunkDirectoryState>((set) => ({
  status: 'idle',
  trunks: [],
  statuses: {},
  error: undefined,
  async load(client) {
    set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: undefined }));
    try {
      const { trunks, statuses } = await client.call('trunks.list', {});
      set((s) => {
        const merged: Record<string, TrunkStatus> = {};
        for (const status of statuses) merged[status.name] = newer(s.statuses[status.name], status);
        return { status: 'ready', trunks, statuses: merged };
      });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  receive(status) {
    set((s) => ({ statuses: { ...s.statuses, [status.name]: newer(s.statuses[status.name], status) } }));
  },
}));

export type LiveTrunkDirectory = Pick<TrunkDirectoryState, 'status' | 'trunks' | 'statuses' | 'error'> & { reload: () => void };

/**
 * Keeps the trunks and their status live while a view shows them: listens
 * for trunks.status before it loads, so no change falls between the two, and
 * loads again after a reconnect (events sent meanwhile are lost).
 */
export function useLiveTrunkDirectory(): LiveTrunkDirectory {
  const client = useEngine((s) => s.client);
  const connected = useEngine((s) => s.connection === 'connected');
  const directory = useTrunkDirectory();

  useEffect(() => {
    if (!client || !connected) return;
    const { receive, load } = useTrunkDirectory.getState();
    const unsubscribe = client.on('trunks.status', receive);
    void load(client);
    return unsubscribe;
  }, [client, connected]);

  return {
    status: directory.status,
    trunks: directory.trunks,
    statuses: directory.statuses,
    error: directory.error,
    reload: () => client && void directory.load(client),
  };
}
