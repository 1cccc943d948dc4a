import { useEffect } from 'react';
import { create } from 'zustand';
import type { ChannelOutput } from '../../../../shared/contract';
import type { ContractClient } from '../../api/contract-client';
import { useEngine } from '../../state/engine-store';

export type RoutingSetup = ChannelOutput<'routes.list'>;

interface RoutesState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  setup: RoutingSetup | undefined;
  error: string | undefined;
  /** Loads the routes and the policy; keeps showing the last ones while it reloads, so open forms stay as they are. */
  load(client: ContractClient): Promise<void>;
}

export const useRoutes = create<RoutesState>((set) => ({
  status: 'idle',
  setup: undefined,
  error: undefined,
  async load(client) {
    set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: undefined }));
    try {
      set({ status: 'ready', setup: await client.call('routes.list', {}) });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
}));

export type LoadedRoutes = Pick<RoutesState, 'status' | 'setup' | 'error'> & { reload: () => void };

/** The routing setup, loaded when the view opens and again after a reconnect. */
export function useLoadedRoutes(): LoadedRoutes {
  const client = useEngine((s) => s.client);
  const connected = useEngine((s) => s.connection === 'connected');
  const state = useRoutes();

  useEffect(() => {
    if (client && connected) void useRoutes.getState().load(client);
  }, [client, connected]);

  return { status: state.status, setup: state.setup, error: state.error, reload: () => client && void state.load(client) };
}
