import type { ChannelOutput } from '../../../../shared/contract';
import { createLiveStore, useLive, type LiveData } from '../../state/live-store';

export type RoutingSetup = ChannelOutput<'routes.list'>;

interface Routing {
  setup: RoutingSetup | undefined;
}

/** The routes and the policy; a reload keeps showing the last ones, so open forms stay as they are. */
const useRoutes = createLiveStore({
  empty: { setup: undefined },
  load: (client) => client.call('routes.list', {}),
  loaded: (setup): Routing => ({ setup }),
});

export type LoadedRoutes = LiveData<Routing>;

/** The routing setup, loaded when the view opens and again after a reconnect. */
export const useLoadedRoutes = (): LoadedRoutes => useLive(useRoutes);
