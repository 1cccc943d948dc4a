import type { TrunkStatus, TrunkView } from '../../../shared/trunks';
import { createLiveStore, useLive, type LiveData } from '../state/live-store';

interface TrunkDirectory {
  trunks: TrunkView[];
  /** Live state per trunk name. */
  statuses: Record<string, TrunkStatus>;
}

/** The newer of two statuses of one trunk: a list answer may be older than an event that came before it. */
function newer(current: TrunkStatus | undefined, next: TrunkStatus): TrunkStatus {
  return current && current.updatedAt > next.updatedAt ? current : next;
}

/** Every trunk with its live status: the Trunks view and the Routes view share it. */
const useTrunkDirectory = createLiveStore({
  empty: { trunks: [], statuses: {} },
  load: (client) => client.call('trunks.list', {}),
  loaded: ({ trunks, statuses }, current): TrunkDirectory => {
    const merged: Record<string, TrunkStatus> = {};
    for (const status of statuses) merged[status.name] = newer(current.statuses[status.name], status);
    return { trunks, statuses: merged };
  },
  on: { 'trunks.status': (status, { statuses }) => ({ statuses: { ...statuses, [status.name]: newer(statuses[status.name], status) } }) },
});

export type LiveTrunkDirectory = LiveData<TrunkDirectory>;

export const useLiveTrunkDirectory = (): LiveTrunkDirectory => useLive(useTrunkDirectory);
