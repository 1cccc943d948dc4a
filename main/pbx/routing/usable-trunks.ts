import type { OutboundRoute } from '../../../shared/routing';

/**
 * The route's trunks, in its order, that can carry a call now. `usable` names
 * the trunks that exist and are enabled; absent, every trunk a route names counts.
 */
export function usableTrunks(route: OutboundRoute, usable: readonly string[] | undefined): string[] {
  return usable === undefined ? [...route.trunks] : route.trunks.filter((trunk) => usable.includes(trunk));
}
