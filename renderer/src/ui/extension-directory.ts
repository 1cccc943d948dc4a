import { useEffect } from 'react';
import { create } from 'zustand';
import type { EventPayload } from '../../../shared/contract';
import type { ExtensionSummary } from '../../../shared/extensions';
import type { ContractClient } from '../api/contract-client';
import { useEngine } from '../state/engine-store';

interface ExtensionDirectoryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  extensions: ExtensionSummary[];
  error: string | undefined;
  /** Loads the list; keeps showing the last one while it reloads. */
  load(client: ContractClient): Promise<void>;
  /** Applies a registrations.changed event. */
  receive(change: EventPayload<'registrations.changed'>): void;
}

/** Every extension with its live registrations: the Admin table and the Presence view share it. */
export const useExtensionDirectory = create<ExtensionDirectoryState>((set) => ({
  status: 'idle',
  extensions: [],
  error: undefined,
  async load(client) {
    set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: undefined }));
    try {
      set({ status: 'ready', extensions: await client.call('extensions.list', {}) });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  receive({ number, registrations }) {
    // An event for a number we do not list (just removed) changes nothing.
    set((s) => ({ extensions: s.extensions.map((e) => (e.number === number ? { ...e, registrations } : e)) }));
  },
}));

export type LiveExtensionDirectory = Pick<ExtensionDirectoryState, 'status' | 'extensions' | 'error'> & { reload: () => void };

/**
 * Keeps the directory live while a view shows it: listens for
 * registrations.changed first, then loads, so no change falls between the two
 * (the bridge delivers events and answers in order). Loads again after a
 * reconnect, since events sent while disconnected are lost.
 */
export function useLiveExtensionDirectory(): LiveExtensionDirectory {
  const client = useEngine((s) => s.client);
  const connected = useEngine((s) => s.connection === 'connected');
  const directory = useExtensionDirectory();

  useEffect(() => {
    if (!client || !connected) return;
    const { receive, load } = useExtensionDirectory.getState();
    const unsubscribe = client.on('registrations.changed', receive);
    void load(client);
    return unsubscribe;
  }, [client, connected]);

  return {
    status: directory.status,
    extensions: directory.extensions,
    error: directory.error,
    reload: () => client && void directory.load(client),
  };
}
