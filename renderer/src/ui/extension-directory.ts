import type { ExtensionSummary } from '../../../shared/extensions';
import { createLiveStore, useLive, type LiveData } from '../state/live-store';

/** Every extension with its live registrations: the Admin table and the Presence view share it. */
const useExtensionDirectory = createLiveStore({
  empty: { extensions: [] },
  load: (client) => client.call('extensions.list', {}),
  loaded: (extensions) => ({ extensions }),
  on: {
    // An event for a number we do not list (just removed) changes nothing.
    'registrations.changed': ({ number, registrations }, { extensions }) => ({
      extensions: extensions.map((e) => (e.number === number ? { ...e, registrations } : e)),
    }),
  },
});

export type LiveExtensionDirectory = LiveData<{ extensions: ExtensionSummary[] }>;

export const useLiveExtensionDirectory = (): LiveExtensionDirectory => useLive(useExtensionDirectory);
