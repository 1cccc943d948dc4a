import type { SendTarget } from '../sip/transaction/transaction-layer';
import { formatHost } from '../sip/message/uri';
import type { SipTransportLayer } from '../sip/transport/transport-layer';

/**
 * Our Contact toward a peer reached at `target`: the advertised address of the
 * right family and the port of the transport it uses, so its in-dialog
 * requests come back the way it can reach us.
 */
export function contactFor(transport: SipTransportLayer, target: SendTarget, httpPort: number): string {
  const host = formatHost(transport.advertisedHost(target.address.includes(':')));
  const ports = transport.ports();
  switch (target.protocol) {
    case 'udp':
      return `<sip:dialtone@${host}:${ports.udp}>`;
    case 'tcp':
      return `<sip:dialtone@${host}:${ports.tcp};transport=tcp>`;
    case 'tls':
      return `<sip:dialtone@${host}:${ports.tls ?? 5061};transport=tls>`;
    case 'ws':
    case 'wss':
      return `<sip:dialtone@${host}:${httpPort};transport=${target.protocol}>`;
  }
}
