import { Scanner, SipSyntaxError, unquote } from '../message/scan';

/** A parsed Authorization/WWW-Authenticate value: the scheme and its auth-params. */
export interface AuthHeader {
  /** Lower case: "digest", or any other scheme (regaut01). */
  readonly scheme: string;
  /** Names in lower case; quoted values unquoted. */
  readonly params: ReadonlyMap<string, string>;
}

/** Parses `Scheme name=value, name="value", ...` (RFC 3261 §25.1, RFC 7616 §3.4). */
export function parseAuthHeader(text: string): AuthHeader {
  const scanner = new Scanner(text);
  const scheme = scanner.token('an auth scheme').toLowerCase();
  const params = new Map<string, string>();
  scanner.skipWhitespace();
  while (!scanner.done) {
    const name = scanner.token('an auth-param name').toLowerCase();
    scanner.expect('=', 'after an auth-param name');
    scanner.skipWhitespace();
    const value = scanner.peek() === 0x22 ? unquote(scanner.quotedString()) : scanner.token(`a value for ${name}`);
    if (params.has(name)) throw new SipSyntaxError(`auth-param ${name} given twice`);
    params.set(name, value);
    if (!scanner.eat(',')) break;
    scanner.skipWhitespace();
  }
  scanner.skipWhitespace();
  if (!scanner.done) throw new SipSyntaxError('unexpected text in an auth header');
  return { scheme, params };
}
