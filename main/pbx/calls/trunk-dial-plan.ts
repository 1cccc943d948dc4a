import type { Trunk } from '../../../shared/trunks';
import type { HeaderField } from '../sip/message/sip-message';
import type { SendTarget } from '../sip/transaction/transaction-layer';
import { defaultPort } from '../sip/transport/flow';
import type { OutboundCall } from '../routing/outbound-decision';
import type { CallDeps } from './call-types';
import type { DialPlan } from './dialer';
import { FailoverDialer, type TrunkAttempt } from './failover-dialer';
import { OutboundForks } from './outbound-forks';

export interface TrunkLookup {
  trunk(name: string): Trunk | undefined;
  target(name: string): SendTarget | undefined;
}

/** How a trunk wants the caller's number: in From, P-Asserted-Identity (RFC 3325) or Remote-Party-ID. */
function callerIdHeaders(trunk: Trunk, callerId: string | null, domain: string): { fromUser: string; headers: HeaderField[] } {
  const account = trunk.fromUser ?? trunk.username ?? 'anonymous';
  if (!callerId) return { fromUser: account, headers: [] };
  switch (trunk.callerIdMode) {
    case 'from':
      return { fromUser: trunk.fromUser ?? callerId, headers: [] };
    case 'pai':
      return { fromUser: account, headers: [{ name: 'p-asserted-identity', value: `<sip:${callerId}@${domain}>` }] };
    case 'rpid':
      return { fromUser: account, headers: [{ name: 'remote-party-id', value: `<sip:${callerId}@${domain}>;party=calling;screen=yes;privacy=off` }] };
  }
}

/** One attempt per usable trunk, in the route's order, each with its own caller ID when it comes from the trunk. */
export function trunkAttempts(decision: OutboundCall, trunks: TrunkLookup): TrunkAttempt[] {
  const attempts: TrunkAttempt[] = [];
  for (const name of decision.trunks) {
    const trunk = trunks.trunk(name);
    const target = trunks.target(name);
    if (!trunk || !target || !trunk.enabled) continue;
    const domain = trunk.fromDomain ?? trunk.server;
    const callerId = decision.callerIdSource === 'trunk' ? (trunk.outboundCallerId ?? decision.callerId) : decision.callerId;
    const { fromUser, headers } = callerIdHeaders(trunk, callerId, domain);
    const hostPort = trunk.port === defaultPort(trunk.transport) ? trunk.server : `${trunk.server}:${trunk.port}`;
    attempts.push({
      trunk: name,
      codecs: trunk.codecs,
      withoutTelephoneEvent: trunk.dtmfMode !== 'rfc4733',
      ring: {
        target,
        trunk: name,
        requestUri: `sip:${decision.number}@${hostPort}${trunk.transport === 'udp' ? '' : `;transport=${trunk.transport}`}`,
        credentials: trunk.authType === 'credential' && trunk.password ? { username: trunk.authUsername ?? trunk.username ?? '', password: trunk.password } : undefined,
        from: { user: fromUser, host: domain },
        to: { user: decision.number, host: domain },
        headers,
        media: 'rtp',
      },
    });
  }
  return attempts;
}

/** Trunks one after another (failover), each INVITE a single fork that may answer a digest challenge. */
export function trunkDialPlan(deps: CallDeps, attempts: readonly TrunkAttempt[], onAttempt?: (attempt: TrunkAttempt) => void): DialPlan {
  return (context) =>
    new FailoverDialer(context, attempts, (events) => new OutboundForks(deps, events, { status: 503, reason: 'Service Unavailable' }), onAttempt);
}
