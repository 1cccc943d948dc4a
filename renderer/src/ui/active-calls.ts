import type { ActiveCall } from '../../../shared/call-records';
import { createLiveStore, useLive, type LiveData } from '../state/live-store';

/** The calls in progress: the Admin card and the Presence view share them. */
const useActiveCalls = createLiveStore({
  empty: { calls: [] },
  load: (client) => client.call('calls.active', {}),
  loaded: (calls) => ({ calls }),
  // Each event carries the whole list, as the engine has it now: the last one to arrive is the truth.
  on: { 'calls.changed': (calls) => ({ status: 'ready', calls, error: undefined }) },
});

export type LiveActiveCalls = LiveData<{ calls: ActiveCall[] }>;

export const useLiveActiveCalls = (): LiveActiveCalls => useLive(useActiveCalls);
