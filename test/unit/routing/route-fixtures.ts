import { dialPolicySchema, outboundRouteSchema, type DialPolicy, type OutboundRoute } from '../../../shared/routing';

/** A route as the store would hold it: parsed by the shared schema, so fixtures cannot drift from it. */
export function route(fields: Partial<OutboundRoute> & Pick<OutboundRoute, 'name' | 'patterns'>): OutboundRoute {
  return outboundRouteSchema.parse({ enabled: true, prepend: '', trunks: ['primary'], ...fields });
}

export function policy(fields: Partial<DialPolicy> = {}): DialPolicy {
  return dialPolicySchema.parse({ internationalAllowList: [], internationalExtensions: [], ...fields });
}

/** A small US office: 9 for an outside line; 911 direct (Kari's Law) or after the 9. */
export const US_ROUTES: OutboundRoute[] = [
  route({ name: 'Emergency', patterns: ['911', '9|911'], trunks: ['e911'] }),
  route({ name: 'US national', patterns: ['9|NXXNXXXXXX', '9|1NXXNXXXXXX'], trunks: ['primary', 'backup'], callerId: '+14155550100' }),
  route({ name: 'International', patterns: ['9|011.'], trunks: ['primary'] }),
];
