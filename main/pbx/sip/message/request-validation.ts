import { SipSyntaxError } from './scan';
import type { MessageDefect, SipRequest } from './sip-message';

/**
 * The structural checks every request passes before a transaction is made
 * (RFC 3261 §8.2, §16.3): the mandatory headers exist once and parse, the
 * Request-URI parses. It parses them into the message's cache, so later code
 * reads them without try/catch. Returns what to answer (400) or undefined.
 */
export function validateRequestSyntax(request: SipRequest): MessageDefect | undefined {
  if (request.defect) return request.defect;
  try {
    void request.vias;
    void request.requestUri;
    void request.from;
    void request.to;
    void request.callId;
    void request.cseq;
  } catch (error) {
    if (error instanceof SipSyntaxError) return { status: 400, reason: reasonPhrase(error.message) };
    throw error;
  }
  try {
    void request.maxForwards;
  } catch {
    // scalar02: an unreadable Max-Forwards alone may be treated as absent (RFC 4475 §3.1.2.4).
    request.removeHeader('max-forwards');
  }
  return undefined;
}

/** A Reason-Phrase from a parser message: printable ASCII, capitalised, short. */
function reasonPhrase(message: string): string {
  const clean = message.replace(/[^\x20-\x7e]/g, '?').slice(0, 80);
  return `Bad Request (${clean})`;
}
