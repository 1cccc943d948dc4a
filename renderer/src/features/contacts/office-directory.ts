import type { DirectoryEntry } from '../../../../shared/contacts';
import { createLiveStore, useLive, type LiveData } from '../../state/live-store';

/** Everyone in the office with their presence (directory.list, kept live by directory.changed). */
const useOfficeDirectory = createLiveStore({
  empty: { entries: [] },
  load: (client) => client.call('directory.list', {}),
  loaded: (entries) => ({ entries }),
  // Each event carries the whole directory, as the engine has it now: the last one to arrive is the truth.
  on: { 'directory.changed': (entries) => ({ status: 'ready', entries, error: undefined }) },
});

export const useLiveOfficeDirectory = (): LiveData<{ entries: DirectoryEntry[] }> => useLive(useOfficeDirectory);
