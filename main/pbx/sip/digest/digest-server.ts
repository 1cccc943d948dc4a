import { timingSafeEqual } from 'node:crypto';
import type { SipRequest } from '../message/sip-message';
import { SipSyntaxError } from '../message/scan';
import { parseAuthHeader, type AuthHeader } from './auth-params';
import { computeDigestResponse, parseAlgorithm, type DigestAlgorithm } from './digest-algorithm';
import type { NonceManager } from './nonce-manager';

/** What the server knows of a user: an HA1 per algorithm, and which algorithms to offer, in order. */
export interface DigestUser {
  readonly ha1: Readonly<Record<DigestAlgorithm, string>>;
  readonly algorithms: readonly DigestAlgorithm[];
}

export interface DigestServerOptions {
  realm: string;
  nonces: NonceManager;
  /** Offered when the user is unknown or not named yet, in this order. */
  defaultAlgorithms: readonly DigestAlgorithm[];
  lookup(username: string): DigestUser | undefined;
}

export type DigestFailure =
  /** No usable credentials: the normal first round. Not a security event. */
  | 'missing'
  /** An old nonce: challenge again with stale=true. Not a security event. */
  | 'stale'
  /** Wrong password, unknown user, forged nonce, replayed nonce-count, malformed credentials. */
  | 'rejected';

export type DigestOutcome =
  | { ok: true; username: string; algorithm: DigestAlgorithm }
  | { ok: false; failure: DigestFailure; username: string | undefined; challenges: string[] };

const DUMMY_HA1: Record<DigestAlgorithm, string> = { MD5: '0'.repeat(32), 'SHA-256': '0'.repeat(64) };

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'latin1');
  const right = Buffer.from(b, 'latin1');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Digest authentication for a UAS (RFC 3261 §22.4, RFC 7616, RFC 8760):
 * qop=auth (and auth-int), MD5 and SHA-256. An unknown user and a wrong
 * password take the same path and the same time, and get the same challenge
 * for a given offer.
 *
 * The response is checked against the `uri` the client hashed. RFC 3261
 * §22.4 wants it equal to the Request-URI, but SIPp and some phones put
 * sip:host:port there; the nonce, realm and password still bind the answer,
 * so accepting it costs nothing in security.
 */
export class DigestServer {
  private defaultAlgorithms: readonly DigestAlgorithm[];

  constructor(private readonly options: DigestServerOptions) {
    this.defaultAlgorithms = options.defaultAlgorithms;
  }

  /** The global offer changed (a setting). */
  setDefaultAlgorithms(algorithms: readonly DigestAlgorithm[]): void {
    this.defaultAlgorithms = algorithms;
  }

  challenges(algorithms: readonly DigestAlgorithm[], stale: boolean): string[] {
    const nonce = this.options.nonces.issue();
    return algorithms.map(
      (algorithm) => `Digest realm="${this.options.realm}", nonce="${nonce}", algorithm=${algorithm}, qop="auth"${stale ? ', stale=true' : ''}`,
    );
  }

  /** Authenticates `request` with its Authorization (401) or Proxy-Authorization (407) headers. */
  authenticate(request: SipRequest, header: 'authorization' | 'proxy-authorization', identity: string | undefined): DigestOutcome {
    const realm = this.options.realm;
    let credentials: AuthHeader | undefined;
    let malformed = false;
    for (const value of request.headerValues(header)) {
      try {
        const parsed = parseAuthHeader(value);
        if (parsed.scheme === 'digest' && parsed.params.get('realm') === realm) {
          credentials = parsed;
          break;
        }
      } catch (error) {
        if (!(error instanceof SipSyntaxError)) throw error;
        malformed = true;
      }
    }
    const offerFor = (name: string | undefined) => (name && this.options.lookup(name)?.algorithms) || this.defaultAlgorithms;
    if (!credentials) {
      return { ok: false, failure: malformed ? 'rejected' : 'missing', username: identity, challenges: this.challenges(offerFor(identity), false) };
    }
    const p = credentials.params;
    const username = p.get('username');
    const nonce = p.get('nonce');
    const uri = p.get('uri');
    const response = p.get('response');
    const qop = p.get('qop');
    const algorithm = parseAlgorithm(p.get('algorithm'));
    const reject = (failure: DigestFailure = 'rejected'): DigestOutcome => ({
      ok: false,
      failure,
      username,
      challenges: this.challenges(offerFor(username ?? identity), failure === 'stale'),
    });
    if (!username || !nonce || !uri || !response || !algorithm) return reject();
    if (qop !== undefined && qop !== 'auth' && qop !== 'auth-int') return reject();
    if (qop !== undefined && (!p.get('nc') || !p.get('cnonce'))) return reject();

    const nonceState = this.options.nonces.inspect(nonce);
    if (nonceState.status === 'invalid') return reject();

    const user = this.options.lookup(username);
    // Unknown users hash against a dummy HA1, so both failures take the same time.
    const ha1 = user && user.algorithms.includes(algorithm) ? user.ha1[algorithm] : DUMMY_HA1[algorithm];
    const expected = computeDigestResponse({
      algorithm,
      ha1,
      nonce,
      method: request.method,
      uri,
      qop: qop as 'auth' | 'auth-int' | undefined,
      nc: p.get('nc'),
      cnonce: p.get('cnonce'),
      body: request.body,
    });
    const matches = safeEqual(expected, response.toLowerCase());
    if (!user || !user.algorithms.includes(algorithm) || !matches) return reject();
    // Only a correct answer may advance the nonce-count; a stale nonce with a correct answer is a normal re-challenge.
    if (nonceState.status === 'stale') return reject('stale');
    if (!this.options.nonces.consume(nonceState.slot, qop === undefined ? undefined : p.get('nc'))) return reject();
    return { ok: true, username, algorithm };
  }
}
