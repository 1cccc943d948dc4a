import { formatParams, parseHeaderParams, type Param } from './params';
import { isTokenChar, isWhitespace, Scanner, SipSyntaxError } from './scan';
import { formatUri, parseUri, type Uri } from './uri';

/** From, To, Contact, Route, Record-Route and the like (RFC 3261 §20.10, §25.1). */
export interface NameAddr {
  /** As written: a quoted string with its quotes, or LWS-separated tokens; undefined if absent. */
  readonly displayName: string | undefined;
  readonly uri: Uri;
  /** Header parameters (tag, expires, q, +sip.instance...), never the URI's own. */
  readonly params: readonly Param[];
}

function parseDisplayTokens(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    // baddn: "Bell, Alexander" is not a token sequence.
    if (!isTokenChar(c) && !isWhitespace(c)) throw new SipSyntaxError('unquoted display name with characters that need quotes');
  }
  return trimmed;
}

/**
 * Parses one name-addr or addr-spec with its header parameters. In the
 * addr-spec form everything after the first ";" is a header parameter
 * (cparam01), and "?" or "," cannot appear (regbadct).
 */
export function parseNameAddr(text: string): NameAddr {
  const scanner = new Scanner(text);
  scanner.skipWhitespace();
  let displayName: string | undefined;
  let uriText: string;
  if (scanner.peek() === 0x22) {
    displayName = scanner.quotedString();
    scanner.expect('<', 'after a quoted display name');
    uriText = scanner.until('>');
    if (!scanner.eat('>')) throw new SipSyntaxError('missing ">"');
  } else {
    const angle = text.indexOf('<', scanner.pos);
    if (angle >= 0) {
      displayName = parseDisplayTokens(text.slice(scanner.pos, angle));
      scanner.pos = angle + 1;
      uriText = scanner.until('>');
      if (!scanner.eat('>')) throw new SipSyntaxError('missing ">"');
    } else {
      uriText = scanner.until(';').trimEnd();
      if (/[?,]/.test(uriText)) throw new SipSyntaxError('an addr-spec with "?" or "," must be in <>');
    }
  }
  // badaspec: no whitespace inside <...>; parseUri rejects it.
  const uri = parseUri(uriText);
  const params = parseHeaderParams(scanner);
  scanner.skipWhitespace();
  if (!scanner.done) throw new SipSyntaxError('unexpected text after an address');
  return { displayName, uri, params };
}

export function formatNameAddr(value: NameAddr): string {
  const name = value.displayName === undefined ? '' : `${value.displayName} `;
  return `${name}<${formatUri(value.uri)}>${formatParams(value.params)}`;
}
