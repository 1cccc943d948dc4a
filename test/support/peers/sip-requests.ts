import { randomBytes } from 'node:crypto';
import type { SipResponseText } from './sip-response';
import { headerValues } from './sip-response';

export interface Endpoint {
  host: string;
  port: number;
}

/** A request as text, with the branch that names its client transaction. */
export interface SipRequestText {
  readonly text: string;
  readonly branch: string;
  readonly method: string;
  readonly requestUri: string;
}

/** RFC 3261 §8.1.1.7: branches start with the magic cookie. */
export const newBranch = () => `z9hG4bK${randomBytes(8).toString('hex')}`;
export const newTag = () => randomBytes(6).toString('hex');
export const newCallId = () => `${randomBytes(10).toString('hex')}@127.0.0.1`;

export interface DialogIds {
  callId: string;
  fromTag: string;
  cseq: number;
}

export const newDialogIds = (): DialogIds => ({ callId: newCallId(), fromTag: newTag(), cseq: 1 });

function build(method: string, requestUri: string, local: Endpoint, lines: string[]): SipRequestText {
  const branch = newBranch();
  const text = [`${method} ${requestUri} SIP/2.0`, `Via: SIP/2.0/UDP ${local.host}:${local.port};branch=${branch};rport`, 'Max-Forwards: 70', ...lines, 'Content-Length: 0', '', ''].join('\r\n');
  return { text, branch, method, requestUri };
}

export interface RegisterParams {
  user: string;
  server: Endpoint;
  local: Endpoint;
  ids: DialogIds;
  /** The Contact URI's user part; one per binding. */
  contactUser: string;
  expires?: number;
  authorization?: string;
}

/** A REGISTER for `user` at the server (RFC 3261 §10.2). */
export function registerRequest(p: RegisterParams): SipRequestText {
  const aor = `sip:${p.user}@${p.server.host}:${p.server.port}`;
  // The Request-URI names the registrar's domain, not the user (RFC 3261 §10.2).
  return build('REGISTER', `sip:${p.server.host}:${p.server.port}`, p.local, [
    `From: <${aor}>;tag=${p.ids.fromTag}`,
    `To: <${aor}>`,
    `Call-ID: ${p.ids.callId}`,
    `CSeq: ${p.ids.cseq} REGISTER`,
    `Contact: <sip:${p.contactUser}@${p.local.host}:${p.local.port}>`,
    `Expires: ${p.expires ?? 3600}`,
    ...(p.authorization ? [`Authorization: ${p.authorization}`] : []),
    'User-Agent: dialtone-peer-tests',
  ]);
}

export interface InviteParams {
  from: string;
  to: string;
  server: Endpoint;
  local: Endpoint;
  ids: DialogIds;
  proxyAuthorization?: string;
}

/** A bodiless INVITE from one extension to another, which the engine must authenticate with 407. */
export function inviteRequest(p: InviteParams): SipRequestText {
  const domain = `${p.server.host}:${p.server.port}`;
  return build('INVITE', `sip:${p.to}@${domain}`, p.local, [
    `From: <sip:${p.from}@${domain}>;tag=${p.ids.fromTag}`,
    `To: <sip:${p.to}@${domain}>`,
    `Call-ID: ${p.ids.callId}`,
    `CSeq: ${p.ids.cseq} INVITE`,
    `Contact: <sip:${p.from}@${p.local.host}:${p.local.port}>`,
    ...(p.proxyAuthorization ? [`Proxy-Authorization: ${p.proxyAuthorization}`] : []),
    'User-Agent: dialtone-peer-tests',
  ]);
}

/**
 * The ACK for a non-2xx final answer to an INVITE: same Request-URI, Via
 * branch, From, Call-ID and CSeq number, the response's To (RFC 3261 §17.1.1.3).
 */
export function ackFor(invite: SipRequestText, response: SipResponseText): string {
  const lines = invite.text.split('\r\n');
  const keep = (name: string) => lines.find((line) => line.toLowerCase().startsWith(`${name}:`)) as string;
  const cseq = /^CSeq:\s*(\d+)/i.exec(keep('cseq'))?.[1];
  return [
    `ACK ${invite.requestUri} SIP/2.0`,
    keep('via'),
    'Max-Forwards: 70',
    keep('from'),
    `To: ${headerValues(response, 'to')[0]}`,
    keep('call-id'),
    `CSeq: ${cseq} ACK`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}
