import { randomBytes } from 'node:crypto';
import { SipSyntaxError } from '../message/scan';
import { parseAuthHeader } from './auth-params';
import { computeDigestResponse, computeHa1, parseAlgorithm, type DigestAlgorithm } from './digest-algorithm';

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface DigestAnswerInput {
  method: string;
  uri: string;
  body?: Buffer | undefined;
}

/** The first challenge we can answer: digest, a known algorithm (RFC 8760 §2.4: topmost supported wins). */
export function pickChallenge(values: readonly string[]): { realm: string; nonce: string; algorithm: DigestAlgorithm; qop: 'auth' | undefined; opaque: string | undefined } | undefined {
  for (const value of values) {
    try {
      const parsed = parseAuthHeader(value);
      if (parsed.scheme !== 'digest') continue;
      const algorithm = parseAlgorithm(parsed.params.get('algorithm'));
      const realm = parsed.params.get('realm');
      const nonce = parsed.params.get('nonce');
      if (!algorithm || realm === undefined || !nonce) continue;
      const qops = (parsed.params.get('qop') ?? '').split(',').map((q) => q.trim());
      if (parsed.params.has('qop') && !qops.includes('auth')) continue;
      return { realm, nonce, algorithm, qop: qops.includes('auth') ? 'auth' : undefined, opaque: parsed.params.get('opaque') };
    } catch (error) {
      if (!(error instanceof SipSyntaxError)) throw error;
    }
  }
  return undefined;
}

/**
 * Answers digest challenges as a UAC (RFC 3261 §22.2, RFC 7616): keeps the
 * nonce-count per nonce, so repeated requests on one challenge count up.
 */
export class DigestClient {
  private nonce: string | undefined;
  private count = 0;

  constructor(private readonly credentials: DigestCredentials) {}

  /** An Authorization / Proxy-Authorization value, or undefined when no challenge is usable. */
  answer(challengeValues: readonly string[], request: DigestAnswerInput): string | undefined {
    const challenge = pickChallenge(challengeValues);
    if (!challenge) return undefined;
    if (challenge.nonce !== this.nonce) {
      this.nonce = challenge.nonce;
      this.count = 0;
    }
    this.count++;
    const nc = this.count.toString(16).padStart(8, '0');
    const cnonce = randomBytes(12).toString('hex');
    const ha1 = computeHa1(challenge.algorithm, this.credentials.username, challenge.realm, this.credentials.password);
    const response = computeDigestResponse({
      algorithm: challenge.algorithm,
      ha1,
      nonce: challenge.nonce,
      method: request.method,
      uri: request.uri,
      qop: challenge.qop,
      nc,
      cnonce,
      body: request.body,
    });
    const quote = (v: string) => `"${v.replace(/(["\\])/g, '\\$1')}"`;
    let value = `Digest username=${quote(this.credentials.username)}, realm=${quote(challenge.realm)}, nonce=${quote(challenge.nonce)}, uri=${quote(request.uri)}, response="${response}", algorithm=${challenge.algorithm}`;
    if (challenge.qop) value += `, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
    if (challenge.opaque !== undefined) value += `, opaque=${quote(challenge.opaque)}`;
    return value;
  }
}
