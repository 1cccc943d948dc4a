import { countryName } from './country-name';
import { emergencyNumberIn, routeEmergency } from './emergency-route';
import type { OutboundDecision, OutboundRequest } from './outbound-decision';
import { outboundRouteMatches, routeAwaitingDigits } from './outbound-route-match';
import { normaliseNumber } from './normalise-number';
import { pickCallerId } from './pick-caller-id';
import { usableTrunks } from './usable-trunks';

/**
 * Where a call to a number outside the PBX goes: emergency numbers first
 * (emergency-route.ts); otherwise the first enabled route whose pattern
 * matches, its prefix stripped and prepend added, the result read as E.164
 * from the home country, then the international policy: calls abroad are
 * denied unless the country is on the allow-list or the caller may call anywhere.
 */
export function routeOutbound(request: OutboundRequest): OutboundDecision {
  const { caller, dialled, routes, homeCountry } = request;
  if (dialled === '') return { ok: false, status: 484, explanation: 'Nothing was dialled.' };

  const emergency = emergencyNumberIn(request);
  if (emergency !== undefined) return routeEmergency(request, emergency);

  const match = outboundRouteMatches(routes, dialled)[0];
  if (match === undefined) {
    const waiting = routeAwaitingDigits(routes, dialled);
    return waiting === undefined
      ? { ok: false, status: 404, explanation: `No enabled outbound route matches ${dialled}.` }
      : { ok: false, status: 484, explanation: `${dialled} is incomplete: route "${waiting.route.name}" (${waiting.pattern}) expects more digits.` };
  }

  const { route, pattern } = match;
  const digits = route.prepend + match.remainder;
  const number = normaliseNumber(digits, homeCountry);
  if (!number.ok) {
    const via = digits === dialled ? '' : `Route "${route.name}" turns ${dialled} into ${digits}: `;
    return { ok: false, status: number.problem === 'too-short' ? 484 : 404, explanation: via + number.explanation };
  }

  if (number.international && !callerMayCall(request, number.country)) {
    const place = number.country === null ? `+${number.callingCode} (a number outside any country)` : `${countryName(number.country)} (+${number.callingCode})`;
    const fix = number.country === null ? `let ${caller} call abroad` : `add ${number.country} to the allow-list or let ${caller} call abroad`;
    return { ok: false, status: 403, explanation: `International calls to ${place} are not allowed from ${caller}; ${fix}.` };
  }

  const trunks = usableTrunks(route, request.usableTrunks);
  if (trunks.length === 0) {
    return { ok: false, status: 503, explanation: `Route "${route.name}" has no usable trunk: ${route.trunks.join(', ')} ${route.trunks.length === 1 ? 'is' : 'are'} disabled or missing.` };
  }
  return {
    ok: true,
    route: route.name,
    pattern,
    trunks,
    number: number.e164,
    country: number.country,
    international: number.international,
    emergency: false,
    ...pickCallerId(request, route, trunks[0]),
  };
}

function callerMayCall({ caller, policy }: OutboundRequest, country: string | null): boolean {
  return policy.internationalExtensions.includes(caller) || (country !== null && policy.internationalAllowList.includes(country));
}
