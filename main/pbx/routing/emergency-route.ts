import { countryName } from './country-name';
import { emergencyNumbers } from './emergency-numbers';
import type { OutboundDecision, OutboundRequest } from './outbound-decision';
import { outboundRouteMatches } from './outbound-route-match';
import { pickCallerId } from './pick-caller-id';
import { usableTrunks } from './usable-trunks';

/**
 * The emergency number a dial means, if any: dialled as is (911), or what a
 * matching route's prefix leaves (9911 through `9|.` → 911), because people
 * used to an outside-line digit dial it out of habit.
 */
export function emergencyNumberIn(request: Pick<OutboundRequest, 'dialled' | 'routes' | 'homeCountry'>): string | undefined {
  const numbers = emergencyNumbers(request.homeCountry);
  if (numbers.includes(request.dialled)) return request.dialled;
  return outboundRouteMatches(request.routes, request.dialled).find((m) => numbers.includes(m.remainder))?.remainder;
}

/**
 * An emergency call goes out from any extension, ignoring the international
 * policy: on the first enabled route that matches the dial and has a usable
 * trunk, else on the first enabled route with a usable trunk. The number sent
 * is the emergency number itself, without prepend: providers expect 911/112.
 * Its caller ID follows the usual order and is never withheld.
 */
export function routeEmergency(request: OutboundRequest, number: string): OutboundDecision {
  const usable = (route: OutboundRequest['routes'][number]) => usableTrunks(route, request.usableTrunks).length > 0;
  const matched = outboundRouteMatches(request.routes, request.dialled).find((m) => usable(m.route));
  const route = matched?.route ?? request.routes.find((r) => r.enabled && usable(r));
  if (route === undefined) {
    return {
      ok: false,
      status: 503,
      explanation: `${number} is an emergency number in the home country (${countryName(request.homeCountry)}), but no enabled outbound route has a usable trunk. Add or enable one now.`,
    };
  }
  const trunks = usableTrunks(route, request.usableTrunks);
  return {
    ok: true,
    route: route.name,
    pattern: matched?.pattern ?? null,
    trunks,
    number,
    country: request.homeCountry,
    international: false,
    emergency: true,
    ...pickCallerId(request, route, trunks[0]),
  };
}
