import type { OutboundRoute } from '../../../shared/routing';
import type { CallerIdSource, OutboundRequest } from './outbound-decision';

/** Extension's own > route's > the first trunk's, or none. */
export function pickCallerId(
  request: Pick<OutboundRequest, 'extensionCallerId' | 'trunkCallerId'>,
  route: OutboundRoute,
  firstTrunk: string | undefined,
): { callerId: string | null; callerIdSource: CallerIdSource | null } {
  if (request.extensionCallerId !== undefined) return { callerId: request.extensionCallerId, callerIdSource: 'extension' };
  if (route.callerId !== undefined) return { callerId: route.callerId, callerIdSource: 'route' };
  // Own properties only: a trunk may be named "constructor".
  const byTrunk = request.trunkCallerId ?? {};
  const trunkCallerId = firstTrunk !== undefined && Object.hasOwn(byTrunk, firstTrunk) ? byTrunk[firstTrunk] : undefined;
  if (trunkCallerId !== undefined) return { callerId: trunkCallerId, callerIdSource: 'trunk' };
  return { callerId: null, callerIdSource: null };
}
