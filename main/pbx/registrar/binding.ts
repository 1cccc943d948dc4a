import type { TransportProtocol } from '../sip/transport/flow';

/** One registered contact of an extension (RFC 3261 §10.3; RFC 5626 instance and reg-id). */
export interface Binding {
  id: number;
  extension: string;
  /** The Contact URI as the phone wrote it (cparam02: its own parameters included). */
  contactUri: string;
  /** Header parameters of the Contact other than expires and q, as text (";+sip.instance=...;reg-id=1"). */
  contactParams: string;
  q: number | undefined;
  expiresAt: number;
  registeredAt: number;
  callId: string;
  cseq: number;
  instanceId: string | undefined;
  regId: number | undefined;
  /** How the REGISTER arrived: where to send requests so they cross the phone's NAT. */
  protocol: TransportProtocol;
  sourceAddress: string;
  sourcePort: number;
  localAddress: string;
  localPort: number;
  /** The connection it came on (TCP, TLS, WebSocket); undefined after a restart. */
  connectionId: number | undefined;
  userAgent: string;
}
