import type { RouteDecision } from '../../../shared/routing';
import { countryName } from './country-name';
import { resolveDialTarget } from './dial-target';
import { emergencyNumbers } from './emergency-numbers';
import type { OutboundCall, OutboundRequest } from './outbound-decision';
import { routeOutbound } from './outbound-router';

export interface SimulateRequest extends Omit<OutboundRequest, 'caller'> {
  /** The calling extension. */
  readonly from: string;
  /** What the admin typed: separators such as spaces, dashes and brackets are fine. */
  readonly dialled: string;
  /** Every extension number that exists. */
  readonly extensions: readonly string[];
}

/**
 * What a call from `from` to `dialled` would do, in words, for the admin UI
 * and `dialtone route simulate`. The dial is read as a tel URI the way a real
 * call's Request-URI is (dial-target.ts). An emergency number wins over an
 * extension with the same number: in Belgium, 100 and 101 must reach help.
 */
export function simulate(request: SimulateRequest): RouteDecision {
  const { from, extensions } = request;
  if (!extensions.includes(from)) return { outcome: 'denied', status: 403, explanation: `${from} is not an extension, so it cannot place calls.` };
  const target = resolveDialTarget({ scheme: 'tel', number: request.dialled, params: [] }, (n) => extensions.includes(n));
  const dialled = target.kind === 'extension' ? target.number : target.kind === 'unknown' ? target.dialled : request.dialled;
  const shadowedExtension = target.kind === 'extension' && emergencyNumbers(request.homeCountry).includes(dialled);
  if (target.kind === 'extension' && !shadowedExtension) {
    return { outcome: 'extension', number: dialled, explanation: `${dialled} is an extension: the call rings ${dialled}'s phones and never leaves the PBX.` };
  }

  const decision = routeOutbound({ ...request, caller: from, dialled });
  if (!decision.ok) return { outcome: 'denied', status: decision.status, explanation: decision.explanation };
  return {
    outcome: 'trunk',
    route: decision.route,
    trunks: [...decision.trunks],
    number: decision.number,
    callerId: decision.callerId,
    emergency: decision.emergency,
    explanation: [
      describeRoute(decision, dialled, request.homeCountry),
      describePermission(decision, request),
      describeCallerId(decision),
      shadowedExtension ? `Extension ${dialled} cannot be reached by dialling ${dialled}: renumber it.` : '',
    ].filter((sentence) => sentence !== '').join(' '),
  };
}

function describeRoute(call: OutboundCall, dialled: string, homeCountry: string): string {
  const trunks = call.trunks.length === 1 ? `trunk ${call.trunks[0]}` : `trunks ${call.trunks.join(', then ')} (the next when one fails)`;
  const via = call.pattern === null ? `route "${call.route}", the first with a usable trunk` : `route "${call.route}" (${call.pattern})`;
  if (call.emergency) return `${call.number} is an emergency number in the home country (${countryName(homeCountry)}): it goes out on ${via} through ${trunks} as ${call.number}.`;
  return `${dialled} goes out on ${via} through ${trunks} as ${call.number}.`;
}

function describePermission(call: OutboundCall, { from, policy }: SimulateRequest): string {
  if (call.emergency) return 'Emergency calls are allowed from every extension, whatever the dialling policy.';
  if (!call.international) return '';
  const place = call.country === null ? 'a number outside any country' : countryName(call.country);
  const reason = call.country !== null && policy.internationalAllowList.includes(call.country) ? `${call.country} is on the allow-list` : `${from} may call abroad`;
  return `It is an international call to ${place}, allowed because ${reason}.`;
}

function describeCallerId({ callerId, callerIdSource }: OutboundCall): string {
  if (callerId === null) return 'No caller ID is set, so the provider decides what the callee sees.';
  return `Caller ID ${callerId} (the ${callerIdSource}'s${callerIdSource === 'trunk' ? '; each backup trunk shows its own' : ''}).`;
}
