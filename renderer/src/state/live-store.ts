import { useEffect } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { ContractClient } from '../api/contract-client';
import { useEngine } from './engine-store';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface LoadState {
  status: LoadStatus;
  error: string | undefined;
}

/** A store's data with how far loading it got. */
export type Loaded<D> = D & LoadState;

/** What a view gets from a live store: the data, its load state, and a way to load again (Retry, after a change). */
export type LiveData<D> = Loaded<D> & { reload: () => void };

type LiveState<D> = Loaded<D> & {
  /** Loads the data; keeps showing the last one while it reloads. */
  load(client: ContractClient): Promise<void>;
  /** Applies the engine's events to the data until the returned function is called. */
  listen(client: ContractClient): () => void;
};

export type LiveStore<D> = UseBoundStore<StoreApi<LiveState<D>>>;

/** How an engine event changes the data (and, for an event that carries all of it, the load state). */
type EventHandlers<D> = { [E in EventName]?: (payload: EventPayload<E>, current: Loaded<D>) => Partial<Loaded<D>> };

/**
 * A store of data a view loads from the engine and keeps live with its
 * events. `loaded` turns an answer into the data; it gets the current data
 * for answers that must not undo an event that arrived before them.
 */
export function createLiveStore<D extends object, A>(spec: {
  empty: NoInfer<D>;
  load(client: ContractClient): Promise<A>;
  loaded(answer: A, current: Loaded<D>): D;
  on?: EventHandlers<NoInfer<D>>;
}): LiveStore<D> {
  return create<LiveState<D>>((set) => {
    // A change to the data is a change to the state; TypeScript cannot see it for a generic D.
    const update = (change: (current: Loaded<D>) => Partial<Loaded<D>> | Partial<LoadState>) => set((s) => change(s) as Partial<LiveState<D>>);
    return {
      ...spec.empty,
      status: 'idle',
      error: undefined,
      async load(client) {
        update((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: undefined }));
        try {
          const answer = await spec.load(client);
          update((s) => ({ ...spec.loaded(answer, s), status: 'ready' }));
        } catch (error) {
          update(() => ({ status: 'error', error: error instanceof Error ? error.message : String(error) }));
        }
      },
      listen(client) {
        const handlers = Object.entries(spec.on ?? {}) as [EventName, (payload: unknown, current: Loaded<D>) => Partial<Loaded<D>>][];
        const stops = handlers.map(([event, handle]) => client.on(event, (payload) => update((s) => handle(payload, s))));
        return () => stops.forEach((stop) => stop());
      },
    };
  });
}

/**
 * Keeps a live store current while a view shows it: listens for its events
 * before it loads, so no change falls between the two (the bridge delivers
 * events and answers in order), and loads again after a reconnect, since
 * events sent while disconnected are lost.
 */
export function useLive<D>(store: LiveStore<D>): LiveData<D> {
  const client = useEngine((s) => s.client);
  const connected = useEngine((s) => s.connection === 'connected');
  const state = store();

  useEffect(() => {
    if (!client || !connected) return;
    const { listen, load } = store.getState();
    const stop = listen(client);
    void load(client);
    return stop;
  }, [store, client, connected]);

  return { ...state, reload: () => client && void state.load(client) };
}
