import { useEffect } from 'react';
import { create } from 'zustand';
import type { DirectoryEntry } from '../../../../shared/contacts';
import type { ContractClient } from '../../api/contract-client';
import { useEngine } from '../../state/engine-store';

interface OfficeDirectoryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  entries: DirectoryEntry[];
  error: string | undefined;
  load(client: ContractClient): Promise<void>;
  /** Applies a directory.changed event: the whole directory, as the engine has it now. */
  receive(entries: DirectoryEntry[]): void;
}

/** Everyone in the office with their presence (directory.list, kept live by directory.changed). */
export const useOfficeDirectory = create<OfficeDirectoryState>((set) => ({
  status: 'idle',
  entries: [],
  error: undefined,
  async load(client) {
    set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: undefined }));
    try {
      set({ status: 'ready', entries: await client.call('directory.list', {}) });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  receive(entries) {
    set({ status: 'ready', entries, error: undefined });
  },
}));

/**
 * Keeps the office directory live while mounted: listens first, then loads
 * (each event carries the whole list, so the last to arrive is the truth);
 * loads again after a reconnect.
 */
export function useLiveOfficeDirectory(): OfficeDirectoryState & { reload: () => void } {
  const client = useEngine((s) => s.client);
  const connected = useEngine((s) => s.connection === 'connected');
  const state = useOfficeDirectory();

  useEffect(() => {
    if (!client || !connected) return;
    const { receive, load } = useOfficeDirectory.getState();
    const unsubscribe = client.on('directory.changed', receive);
    void load(client);
    return unsubscribe;
  }, [client, connected]);

  return { ...state, reload: () => client && void state.load(client) };
}
