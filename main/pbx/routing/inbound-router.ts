import type { InboundDestination, InboundRoute } from '../../../shared/routing';

export type InboundDecision =
  | { ok: true; destination: InboundDestination; route: InboundRoute }
  | { ok: false; status: 404; explanation: string };

/**
 * Where a call from a trunk goes, most specific first: this DID on this
 * trunk, this DID on any trunk, the default (*) on this trunk, the default on
 * any trunk. Among equals the first listed wins. `did` is compared as is:
 * the trunk layer hands it over in E.164, as routes store it.
 */
export function routeInbound({ did, fromTrunk, routes }: { did: string; fromTrunk: string; routes: readonly InboundRoute[] }): InboundDecision {
  const rules: ((route: InboundRoute) => boolean)[] = [
    (r) => r.did === did && r.trunk === fromTrunk,
    (r) => r.did === did && r.trunk === undefined,
    (r) => r.did === '*' && r.trunk === fromTrunk,
    (r) => r.did === '*' && r.trunk === undefined,
  ];
  for (const rule of rules) {
    const route = routes.find(rule);
    if (route !== undefined) return { ok: true, destination: route.destination, route };
  }
  return { ok: false, status: 404, explanation: `No inbound route takes calls to ${did} from trunk ${fromTrunk}, and there is no default (*) route for it.` };
}
