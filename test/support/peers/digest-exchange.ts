import { digestAuthorization, parseChallenge } from './digest-answer';
import { newDialogIds, registerRequest, type DialogIds, type Endpoint, type SipRequestText } from './sip-requests';
import { headerValues } from './sip-response';
import type { Answer, UdpSipClient } from './udp-sip-client';

/** Builds the request for one round: without credentials, then with the Authorization/Proxy-Authorization value. */
export type RequestBuilder = (ids: DialogIds, credentials?: string) => SipRequestText;

export interface DigestExchange {
  /** The answer to the request without credentials (a 401 or 407). */
  challenge: Answer;
  /** The answer to the request with credentials; the same as `challenge` when that was no challenge. */
  answer: Answer;
}

/**
 * Request → 401/407 → the same request (next CSeq) with credentials that
 * answer the first MD5 challenge, as a phone does (RFC 3261 §22.2, §22.3).
 * The digest uri is the Request-URI (§22.4).
 */
export async function digestExchange(client: UdpSipClient, build: RequestBuilder, user: string, password: string): Promise<DigestExchange> {
  const ids = newDialogIds();
  const first = build(ids);
  const challenge = await client.request(first);
  const status = challenge.response.status;
  if (status !== 401 && status !== 407) return { challenge, answer: challenge };
  const offer = headerValues(challenge.response, status === 401 ? 'www-authenticate' : 'proxy-authenticate')
    .map(parseChallenge)
    .find((c) => c.algorithm.toUpperCase() === 'MD5');
  if (!offer) throw new Error(`no MD5 challenge in:\n${challenge.response.raw}`);
  const credentials = digestAuthorization(offer, first.method, first.requestUri, user, password);
  const answer = await client.request(build({ ...ids, cseq: ids.cseq + 1 }, credentials));
  return { challenge, answer };
}

export interface Registration {
  user: string;
  password: string;
  /** The Contact URI's user part; one per binding. */
  contactUser: string;
  server: Endpoint;
}

/** A phone's REGISTER with digest authentication; resolves with the final answer (200 when registered). */
export async function registerWithDigest(client: UdpSipClient, r: Registration): Promise<Answer> {
  const build: RequestBuilder = (ids, authorization) =>
    registerRequest({ user: r.user, server: r.server, local: client.local, contactUser: r.contactUser, ids, authorization });
  return (await digestExchange(client, build, r.user, r.password)).answer;
}
