import { createHash, randomBytes } from 'node:crypto';

// The client side of SIP digest (RFC 3261 §22.2, RFC 7616 §3.4), computed
// here from first principles so the engine's own digest code is never used
// to check itself. MD5 with qop=auth, as most phones still answer.

export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly algorithm: string;
  readonly qop: string | undefined;
}

/** Reads one WWW-Authenticate value: `Digest realm="...", nonce="...", algorithm=MD5, qop="auth"`. */
export function readChallenge(value: string): DigestChallenge | undefined {
  const scheme = /^\s*Digest\s+/i.exec(value);
  if (!scheme) return undefined;
  const params = new Map<string, string>();
  for (const m of value.slice(scheme[0].length).matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params.set((m[1] as string).toLowerCase(), m[2] ?? m[3] ?? '');
  }
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || nonce === undefined) return undefined;
  return { realm, nonce, algorithm: params.get('algorithm') ?? 'MD5', qop: params.get('qop') };
}

function md5(text: string): string {
  return createHash('md5').update(Buffer.from(text, 'latin1')).digest('hex');
}

/** quoted-string: `"` and `\` and control bytes (a NUL user part) as quoted-pairs (RFC 3261 §25.1). */
function quoted(text: string): string {
  let out = '"';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += c === '"' || c === '\\' || (code < 0x20 && c !== '\t') || code === 0x7f ? `\\${c}` : c;
  }
  return `${out}"`;
}

/** An Authorization value answering an MD5 challenge with qop=auth. `username` is a latin1 binary string. */
export function md5Authorization(challenge: DigestChallenge, username: string, password: string, method: string, uri: string): string {
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const ha1 = md5(`${username}:${challenge.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const response = md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return (
    `Digest username=${quoted(username)}, realm=${quoted(challenge.realm)}, nonce=${quoted(challenge.nonce)}, ` +
    `uri=${quoted(uri)}, response="${response}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}"`
  );
}

/**
 * The same request as a new transaction (RFC 3261 §8.1.3.5): the first Via
 * branch made unique with `branchSuffix`, CSeq raised by `cseqStep`, and
 * `extraHeader` (a whole "Name: value" line) added last. Everything else
 * keeps its bytes.
 */
export function resend(original: Buffer, branchSuffix: string, cseqStep = 0, extraHeader?: string): Buffer {
  let text = original.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  let head = text.slice(0, headEnd);
  const body = text.slice(headEnd);
  head = head.replace(/;branch=([^;,\s]+)/i, (_m, branch: string) => `;branch=${branch}${branchSuffix}`);
  head = head.replace(/^(CSeq\s*:\s*)(\d+)/im, (_m, name: string, seq: string) => `${name}${Number(seq) + cseqStep}`);
  if (extraHeader !== undefined) head += `\r\n${extraHeader}`;
  text = head + body;
  return Buffer.from(text, 'latin1');
}
