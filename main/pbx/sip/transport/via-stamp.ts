import type { SipRequest } from '../message/sip-message';
import { hasParam, withParam } from '../message/params';
import { formatVia } from '../message/via';
import type { Flow } from './flow';

/**
 * What a server does to the top Via of every request it receives (RFC 3261
 * §18.2.1, RFC 3581 §4): add received= when the sent-by host is not the
 * packet's source, and fill in an empty rport with the source port (adding
 * received= then too). Responses then find their way back through NAT.
 * Throws if the top Via does not parse.
 */
export function stampVia(request: SipRequest, flow: Flow): void {
  const via = request.topVia;
  const wantsRport = hasParam(via.params, 'rport');
  if (via.host === flow.remoteAddress && !wantsRport) return;
  let params = withParam(via.params, 'received', flow.remoteAddress);
  if (wantsRport) params = withParam(params, 'rport', String(flow.remotePort));
  request.replaceTopVia(formatVia({ ...via, params }));
}

/** "::ffff:192.0.2.1" (a dual-stack socket's view of IPv4) → "192.0.2.1". */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
