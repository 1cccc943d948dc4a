// Header names: compact forms (RFC 3261 §7.3.3, RFC 3515, RFC 3841, RFC 4028...),
// the canonical spelling we write, and which headers are comma-separated lists.

/** Compact form → full name, lower case. */
const COMPACT: Readonly<Record<string, string>> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

/** The spelling written on the wire for names whose capitalisation is not simply per word. */
const CANONICAL: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
  'p-asserted-identity': 'P-Asserted-Identity',
  'p-preferred-identity': 'P-Preferred-Identity',
  'remote-party-id': 'Remote-Party-ID',
  'sip-etag': 'SIP-ETag',
  'sip-if-match': 'SIP-If-Match',
  'rack': 'RAck',
  'rseq': 'RSeq',
};

/**
 * Headers whose grammar is a comma-separated list (RFC 3261 §7.3.1), so that
 * "H: a, b" equals "H: a" + "H: b". Authorization-like headers, Date and
 * unknown headers are never split.
 */
const LIST_HEADERS = new Set([
  'via',
  'contact',
  'route',
  'record-route',
  'path',
  'service-route',
  'allow',
  'allow-events',
  'supported',
  'require',
  'proxy-require',
  'unsupported',
  'accept',
  'accept-encoding',
  'accept-language',
  'content-encoding',
  'content-language',
  'alert-info',
  'call-info',
  'error-info',
  'in-reply-to',
  'warning',
  'reason',
  'p-asserted-identity',
  'security-client',
  'security-server',
  'security-verify',
]);

/** Lower-case full name of a header as written on the wire (compact or not). */
export function normalizeHeaderName(raw: string): string {
  const lower = raw.toLowerCase();
  return lower.length === 1 ? (COMPACT[lower] ?? lower) : lower;
}

export function canonicalHeaderName(name: string): string {
  const known = CANONICAL[name];
  if (known) return known;
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

export function isListHeader(name: string): boolean {
  return LIST_HEADERS.has(name);
}
