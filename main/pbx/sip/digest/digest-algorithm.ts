import { hash } from 'node:crypto';

/** RFC 8760 algorithms. MD5 stays for the phones that know nothing else. */
export const DIGEST_ALGORITHMS = ['SHA-256', 'MD5'] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

const HASH: Record<DigestAlgorithm, string> = { 'SHA-256': 'sha256', MD5: 'md5' };

/** One-shot hashing: no Hash object per call on the registrar's hot path. */
export function digestHash(algorithm: DigestAlgorithm, text: string): string {
  return hash(HASH[algorithm], Buffer.from(text, 'latin1'), 'hex');
}

/** HA1 = H(username:realm:password) (RFC 7616 §3.4.2); the only form of a SIP password we keep. */
export function computeHa1(algorithm: DigestAlgorithm, username: string, realm: string, password: string): string {
  return digestHash(algorithm, `${username}:${realm}:${Buffer.from(password, 'utf8').toString('latin1')}`);
}

/** The algorithm named in a challenge or credentials; absent means MD5 (RFC 2617 §3.2.1). */
export function parseAlgorithm(value: string | undefined): DigestAlgorithm | undefined {
  if (value === undefined) return 'MD5';
  const upper = value.toUpperCase();
  return upper === 'MD5' || upper === 'SHA-256' ? upper : undefined;
}

export interface DigestResponseInput {
  algorithm: DigestAlgorithm;
  ha1: string;
  nonce: string;
  method: string;
  uri: string;
  /** undefined for RFC 2069 style (no qop). */
  qop: 'auth' | 'auth-int' | undefined;
  nc?: string | undefined;
  cnonce?: string | undefined;
  /** The body, for auth-int. */
  body?: Buffer | undefined;
}

/** The request-digest of RFC 7616 §3.4.1 (and RFC 2617 without qop); used by our server and client sides. */
export function computeDigestResponse(input: DigestResponseInput): string {
  const { algorithm, ha1, nonce, method, uri, qop } = input;
  const bodyHash = qop === 'auth-int' ? `:${digestHash(algorithm, (input.body ?? Buffer.alloc(0)).toString('latin1'))}` : '';
  const ha2 = digestHash(algorithm, `${method}:${uri}${bodyHash}`);
  return qop === undefined
    ? digestHash(algorithm, `${ha1}:${nonce}:${ha2}`)
    : digestHash(algorithm, `${ha1}:${nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:${qop}:${ha2}`);
}
