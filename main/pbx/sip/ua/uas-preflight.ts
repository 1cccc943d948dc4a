import type { SipRequest } from '../message/sip-message';

/** What this user agent server understands (RFC 3261 §8.2.1–§8.2.3). */
export interface UasPolicy {
  /** Methods we implement; anything else gets 501 (unknown) or 405 (known, not here). */
  readonly allowedMethods: readonly string[];
  /** Option tags we support (Require). */
  readonly supported: readonly string[];
  /** Body types we read, per method; others get 415. */
  readonly acceptedBodies: Readonly<Record<string, readonly string[]>>;
}

export interface Rejection {
  status: number;
  reason: string;
  /** Extra header fields for the answer (Allow, Unsupported, Accept). */
  headers?: [string, string][];
}

/** Methods of RFC 3261 and its common extensions: known, so a 405 and not a 501. */
const KNOWN_METHODS = new Set([
  'INVITE', 'ACK', 'OPTIONS', 'BYE', 'CANCEL', 'REGISTER', 'PRACK', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'INFO', 'REFER', 'MESSAGE', 'UPDATE',
]);

/**
 * The checks a UAS makes before it looks at what a request asks (RFC 3261
 * §8.2): method, CSeq agreement, URI scheme, Require, body type. The order
 * gives RFC 4475 its preferred answers: mismatch02 (unknown method and a CSeq
 * mismatch) gets 501, mismatch01 gets 400.
 */
export function preflightRequest(request: SipRequest, policy: UasPolicy): Rejection | undefined {
  const allow: [string, string] = ['allow', policy.allowedMethods.join(', ')];
  if (!policy.allowedMethods.includes(request.method)) {
    // esc02: "RE%47IST%45R" is not REGISTER; intmeth: every token char.
    if (!KNOWN_METHODS.has(request.method)) return { status: 501, reason: 'Not Implemented', headers: [allow] };
    return { status: 405, reason: 'Method Not Allowed', headers: [allow] };
  }
  if (request.cseq.method !== request.method) return { status: 400, reason: 'Bad Request (CSeq method does not match)' };

  const scheme = request.requestUri.scheme;
  if (scheme !== 'sip' && scheme !== 'sips' && !(scheme === 'tel' && request.method !== 'REGISTER')) {
    return { status: 416, reason: 'Unsupported URI Scheme' };
  }

  // Proxy-Require too: we are the last hop for everything we answer (bext01).
  const required = [...request.headerValues('require'), ...request.headerValues('proxy-require')].filter((t) => t !== '');
  const unsupported = required.filter((tag) => !policy.supported.includes(tag.toLowerCase()));
  // RFC 3261 §8.2.2.3: Require is ignored in CANCEL and ACK.
  if (unsupported.length > 0 && request.method !== 'CANCEL' && request.method !== 'ACK') {
    return { status: 420, reason: 'Bad Extension', headers: [['unsupported', unsupported.join(', ')]] };
  }

  if (request.body.length > 0) {
    const accepted = policy.acceptedBodies[request.method] ?? [];
    const type = request.contentType;
    const encoding = request.header('content-encoding');
    if (type === undefined || !accepted.includes(type) || (encoding !== undefined && encoding.toLowerCase() !== 'identity')) {
      return { status: 415, reason: 'Unsupported Media Type', headers: [['accept', accepted.join(', ') || 'application/sdp']] };
    }
  }
  return undefined;
}
