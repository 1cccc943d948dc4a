/**
 * The SIP URI for what a person dialled: a sip:/sips: address as typed, a
 * user@host address with sip: in front, anything else as a number at the
 * engine's domain, without the spaces, dots, dashes and brackets people type
 * (RFC 3966 visual separators). '#' is escaped: it is not allowed in a URI's
 * user part (RFC 3261 §25.1). Undefined when nothing dialable is left.
 */
export function dialTarget(input: string, domain: string): string | undefined {
  const text = input.trim();
  if (/^sips?:/i.test(text)) return /^sips?:[^\s<>"]+$/i.test(text) ? text : undefined;
  if (text.includes('@')) return /^[^\s<>"@]+@[^\s<>"@]+$/.test(text) ? `sip:${text}` : undefined;
  const digits = text.replace(/[\s().\-/]/g, '');
  if (!/^\+?[\d*#]+$/.test(digits)) return undefined;
  return `sip:${digits.replace(/#/g, '%23')}@${domain}`;
}

/** The user part of a SIP URI, unescaped: what a person calls the number. */
export function numberOf(uri: string): string {
  const match = /^sips?:([^@;?]+)@/i.exec(uri);
  if (!match) return uri.replace(/^sips?:/i, '');
  try {
    return decodeURIComponent(match[1] as string);
  } catch {
    return match[1] as string;
  }
}
