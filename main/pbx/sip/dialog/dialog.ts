import { SipRequest, type HeaderField } from '../message/sip-message';
import { getParam } from '../message/params';
import { parseNameAddr } from '../message/name-addr';
import { formatUri } from '../message/uri';
import type { SendTarget } from '../transaction/transaction-layer';
import { dialogNextHop } from './dialog-next-hop';

/** The state RFC 3261 §12 keeps for a dialog, from one side. */
export interface DialogState {
  callId: string;
  /** Our From (as UAC) or To (as UAS) header value, with our tag. */
  localHeader: string;
  /** The peer's header value, with its tag. */
  remoteHeader: string;
  localTag: string;
  remoteTag: string;
  /** The last CSeq number we used (0: none yet). */
  localSeq: number;
  /** The last CSeq number the peer used; undefined until its first request. */
  remoteSeq: number | undefined;
  /** The peer's Contact URI: the Request-URI of our requests. */
  remoteTarget: string;
  /** Route header values for our requests, in order. */
  routeSet: string[];
  /** Our Contact header value. */
  localContact: string;
  /** Where the peer is reached: the flow it used, so requests cross its NAT. */
  target: SendTarget;
}

function contactUri(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return formatUri(parseNameAddr(value).uri);
  } catch {
    return undefined;
  }
}

function tagOf(headerValue: string): string | undefined {
  try {
    return getParam(parseNameAddr(headerValue).params, 'tag')?.value;
  } catch {
    return undefined;
  }
}

/**
 * One dialog (RFC 3261 §12): builds in-dialog requests with the right
 * Request-URI, Route set, tags and CSeq, and checks the peer's CSeq order.
 */
export class Dialog {
  /**
   * The peer is a server (a trunk), not a phone: our requests follow its
   * Record-Route or Contact (dialog-next-hop.ts). A phone is reached over the
   * flow it last used, which crosses its NAT.
   */
  peerIsServer = false;

  constructor(readonly state: DialogState) {}

  /** Where our requests go, now that the peer has used `flow` (the dialog's first request or response, or a target refresh). */
  reachVia(flow: SendTarget): void {
    this.state.target = this.peerIsServer ? dialogNextHop(this.state, flow) : flow;
  }

  get key(): string {
    return dialogKey(this.state.callId, this.state.localTag, this.state.remoteTag);
  }

  /** The UAS side, from the INVITE we answer (§12.1.1). */
  static asUas(invite: SipRequest, localTag: string, localContact: string, target: SendTarget): Dialog {
    const to = invite.header('to') ?? '';
    const remoteHeader = invite.header('from') ?? '';
    return new Dialog({
      callId: invite.callId,
      localHeader: `${to};tag=${localTag}`,
      remoteHeader,
      localTag,
      remoteTag: tagOf(remoteHeader) ?? '',
      localSeq: 0,
      remoteSeq: invite.cseq.seq,
      remoteTarget: contactUri(invite.header('contact')) ?? invite.uri,
      routeSet: invite.headerValues('record-route'),
      localContact,
      target,
    });
  }

  /** The UAC side, from a response with a To tag to our INVITE (§12.1.2). */
  static asUac(invite: SipRequest, response: { header(name: string): string | undefined; headerValues(name: string): string[] }, localContact: string, target: SendTarget): Dialog {
    const remoteHeader = response.header('to') ?? '';
    const localHeader = invite.header('from') ?? '';
    return new Dialog({
      callId: invite.callId,
      localHeader,
      remoteHeader,
      localTag: tagOf(localHeader) ?? '',
      remoteTag: tagOf(remoteHeader) ?? '',
      localSeq: invite.cseq.seq,
      remoteSeq: undefined,
      remoteTarget: contactUri(response.header('contact')) ?? invite.uri,
      routeSet: [...response.headerValues('record-route')].reverse(),
      localContact,
      target,
    });
  }

  /**
   * A new request in this dialog (§12.2.1.1). Loose routing: Request-URI is
   * the remote target and Route the route set; a strict first route (no ;lr)
   * becomes the Request-URI, with the remote target as the last Route.
   */
  request(method: string, extra: HeaderField[] = [], body?: Buffer, cseq?: number): SipRequest {
    const s = this.state;
    const seq = cseq ?? ++s.localSeq;
    let uri = s.remoteTarget;
    let routes = s.routeSet;
    const first = routes[0];
    if (first !== undefined && !/;\s*lr\b/i.test(first)) {
      uri = contactUri(first) ?? uri;
      routes = [...routes.slice(1), `<${s.remoteTarget}>`];
    }
    const headers: HeaderField[] = [
      ...routes.map((value) => ({ name: 'route', value })),
      { name: 'max-forwards', value: '70' },
      { name: 'from', value: s.localHeader },
      { name: 'to', value: s.remoteHeader },
      { name: 'call-id', value: s.callId },
      { name: 'cseq', value: `${seq} ${method}` },
    ];
    if (method === 'INVITE' || method === 'UPDATE') headers.push({ name: 'contact', value: s.localContact });
    headers.push(...extra);
    return new SipRequest(method, uri, headers, body);
  }

  /** The ACK of a 2xx: the INVITE's CSeq number (§13.2.2.4). */
  ack(inviteSeq: number, body?: Buffer, extra: HeaderField[] = []): SipRequest {
    return this.request('ACK', extra, body, inviteSeq);
  }

  /** Checks and records the peer's CSeq (§12.2.2); false means answer 500. ACK and CANCEL do not count. */
  acceptRemoteSeq(request: SipRequest): boolean {
    if (request.method === 'ACK' || request.method === 'CANCEL') return true;
    const seq = request.cseq.seq;
    if (this.state.remoteSeq !== undefined && seq <= this.state.remoteSeq) return false;
    this.state.remoteSeq = seq;
    return true;
  }

  /** A target refresh (re-INVITE, UPDATE, or its 2xx) may move the peer (§12.2). */
  refreshTarget(contactHeader: string | undefined): void {
    const uri = contactUri(contactHeader);
    if (uri) this.state.remoteTarget = uri;
  }
}

export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\u0000${localTag}\u0000${remoteTag}`;
}
