import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  algorithm: string;
  qop: string | undefined;
}

/** Reads one `Digest realm="…", nonce="…", …` challenge (RFC 7616 §3.3). */
export function parseChallenge(value: string): DigestChallenge {
  if (!/^Digest\s/i.test(value)) throw new Error(`not a Digest challenge: ${value}`);
  const params = new Map<string, string>();
  for (const match of value.slice(7).matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|([^\s,]+))/g)) {
    params.set((match[1] as string).toLowerCase(), match[2] ?? match[3] ?? '');
  }
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || nonce === undefined) throw new Error(`challenge without realm or nonce: ${value}`);
  return { realm, nonce, algorithm: params.get('algorithm') ?? 'MD5', qop: params.get('qop') };
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * The Authorization (or Proxy-Authorization) value answering an MD5
 * challenge, with qop=auth when offered (RFC 3261 §22.4, RFC 2617 §3.2.2).
 */
export function digestAuthorization(challenge: DigestChallenge, method: string, uri: string, username: string, password: string): string {
  if (challenge.algorithm.toUpperCase() !== 'MD5') throw new Error(`this test client answers MD5 only, not ${challenge.algorithm}`);
  const ha1 = md5(`${username}:${challenge.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const base = `Digest username="${username}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${uri}", algorithm=MD5`;
  if (challenge.qop === undefined) return `${base}, response="${md5(`${ha1}:${challenge.nonce}:${ha2}`)}"`;
  const nc = '00000001';
  const cnonce = randomBytes(8).toString('hex');
  const response = md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `${base}, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}
