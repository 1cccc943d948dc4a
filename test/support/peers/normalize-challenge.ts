import { headerValues, type SipResponseText } from './sip-response';

/**
 * A response with the values that must differ between two requests replaced
 * by placeholders: the user in From/To, tags, the Via branch, the Call-ID and
 * nonces. Everything else (status line, header names and order, realm,
 * algorithm, qop, Server, Content-Length) stays byte for byte.
 */
export function normalizeChallenge(response: SipResponseText, user: string): string {
  return response.raw
    .replaceAll(`sip:${user}@`, 'sip:<user>@')
    .replace(/;tag=[^;,\s>]+/g, ';tag=<tag>')
    .replace(/;branch=[^;,\s]+/g, ';branch=<branch>')
    .replace(/^Call-ID: .*$/m, 'Call-ID: <call-id>')
    .replace(/nonce="[^"]*"/g, 'nonce="<nonce>"');
}

/** Every nonce in the response's WWW-Authenticate or Proxy-Authenticate challenges. */
export function challengeNonces(response: SipResponseText): string[] {
  const challenges = [...headerValues(response, 'www-authenticate'), ...headerValues(response, 'proxy-authenticate')];
  return challenges.map((value) => /nonce="([^"]*)"/.exec(value)?.[1] ?? '');
}
