import { formatParams, type Param } from './params';
import { SipSyntaxError } from './scan';

// URIs (RFC 3261 §19.1, §25.1; RFC 3966 for tel). Parsed forms keep the escaped
// text, so writing a URI back gives the same bytes; comparisons unescape once.

export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  /** As written, %-escapes included (semiuri: may contain ";" and "?"). */
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** Lower case; IPv6 without brackets. */
  readonly host: string;
  readonly port: number | undefined;
  readonly params: readonly Param[];
  /** The raw ?headers part without "?", if any (escruri, regescrt). */
  readonly headers: string | undefined;
}

export interface TelUri {
  readonly scheme: 'tel';
  readonly number: string;
  readonly params: readonly Param[];
}

/** Any other scheme: parsed only far enough to know it (unkscm, novelsc, unksm2). */
export interface OtherUri {
  readonly scheme: string;
  readonly raw: string;
}

export type Uri = SipUri | TelUri | OtherUri;

export function isSipUri(uri: Uri): uri is SipUri {
  return uri.scheme === 'sip' || uri.scheme === 'sips';
}

// unreserved / escaped / user-unreserved, plus password chars
const USER_CHARS = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})*$/;
const PASSWORD_CHARS = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})*$/;
const PARAM_CHARS = /^(?:[A-Za-z0-9\-_.!~*'()[\]/:&+$]|%[0-9A-Fa-f]{2})+$/;
const HEADERS_CHARS = /^(?:[A-Za-z0-9\-_.!~*'()[\]/?:+$=&]|%[0-9A-Fa-f]{2})*$/;
const HOSTNAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?$/;
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+\-.]*$/;

export function isIpv4(host: string): boolean {
  if (!IPV4.test(host)) return false;
  return host.split('.').every((octet) => Number(octet) <= 255);
}

export function isIpv6(host: string): boolean {
  return host.includes(':') && IPV6.test(host);
}

/** Validates a host (as in a URI or a Via) and returns it in lower case, IPv6 without brackets. */
export function parseHost(text: string): string {
  if (text.startsWith('[')) {
    if (!text.endsWith(']') || !isIpv6(text.slice(1, -1))) throw new SipSyntaxError(`bad IPv6 reference "${text}"`);
    return text.slice(1, -1).toLowerCase();
  }
  if (isIpv4(text) || HOSTNAME.test(text)) return text.toLowerCase();
  throw new SipSyntaxError(`bad host "${text}"`);
}

export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Splits "host[:port]" where host may be an [IPv6] reference. */
export function parseHostPort(text: string): { host: string; port: number | undefined } {
  let hostText = text;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw new SipSyntaxError('unterminated IPv6 reference');
    hostText = text.slice(0, close + 1);
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (rest[0] !== ':') throw new SipSyntaxError('junk after an IPv6 reference');
      portText = rest.slice(1);
    }
  } else {
    const colon = text.indexOf(':');
    if (colon >= 0) {
      hostText = text.slice(0, colon);
      portText = text.slice(colon + 1);
    }
  }
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new SipSyntaxError(`bad port "${portText}"`);
    port = Number(portText);
  }
  return { host: parseHost(hostText), port };
}

function parseUriParams(text: string): Param[] {
  if (text === '') return [];
  const params: Param[] = [];
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? undefined : part.slice(eq + 1);
    if (!PARAM_CHARS.test(name) || (value !== undefined && value !== '' && !PARAM_CHARS.test(value))) {
      throw new SipSyntaxError(`bad URI parameter ";${part}"`);
    }
    params.push({ name: name.toLowerCase(), value });
  }
  return params;
}

function parseSipUri(scheme: 'sip' | 'sips', rest: string): SipUri {
  let userinfo: string | undefined;
  let remainder = rest;
  const at = rest.indexOf('@');
  if (at >= 0) {
    userinfo = rest.slice(0, at);
    remainder = rest.slice(at + 1);
  }
  let user: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    password = colon < 0 ? undefined : userinfo.slice(colon + 1);
    if (user === '' || !USER_CHARS.test(user)) throw new SipSyntaxError('bad user part in a URI');
    if (password !== undefined && !PASSWORD_CHARS.test(password)) throw new SipSyntaxError('bad password in a URI');
  }
  let headers: string | undefined;
  const question = remainder.indexOf('?');
  if (question >= 0) {
    headers = remainder.slice(question + 1);
    remainder = remainder.slice(0, question);
    if (!HEADERS_CHARS.test(headers)) throw new SipSyntaxError('bad ?headers in a URI');
  }
  const semi = remainder.indexOf(';');
  const hostport = semi < 0 ? remainder : remainder.slice(0, semi);
  const params = semi < 0 ? [] : parseUriParams(remainder.slice(semi + 1));
  const { host, port } = parseHostPort(hostport);
  return { scheme, user, password, host, port, params, headers };
}

/** Controls, space, non-ASCII and the delimiters that can never be in a URI (lwsruri, badaspec). */
function hasForbiddenUriChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || c === 0x3c || c === 0x3e || c === 0x22) return true;
  }
  return false;
}

/** Parses an absolute URI. Throws SipSyntaxError on anything malformed, including any whitespace. */
export function parseUri(text: string): Uri {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new SipSyntaxError('not an absolute URI');
  const scheme = text.slice(0, colon);
  if (!SCHEME.test(scheme)) throw new SipSyntaxError('bad URI scheme');
  const rest = text.slice(colon + 1);
  if (rest === '' || hasForbiddenUriChar(rest)) throw new SipSyntaxError('bad characters in a URI');
  const lower = scheme.toLowerCase();
  if (lower === 'sip' || lower === 'sips') return parseSipUri(lower, rest);
  if (lower === 'tel') {
    const [number = '', ...params] = rest.split(';');
    if (!/^\+?[0-9A-Fa-f*#().-]+$/.test(number)) throw new SipSyntaxError('bad tel URI');
    return { scheme: 'tel', number, params: parseUriParams(params.join(';')) };
  }
  return { scheme: lower, raw: text };
}

export function formatUri(uri: Uri): string {
  if ('raw' in uri) return uri.raw;
  if (uri.scheme === 'tel') return `tel:${(uri as TelUri).number}${formatParams(uri.params)}`;
  const sip = uri as SipUri;
  let out = `${sip.scheme}:`;
  if (sip.user !== undefined) out += sip.password === undefined ? `${sip.user}@` : `${sip.user}:${sip.password}@`;
  out += formatHost(sip.host);
  if (sip.port !== undefined) out += `:${sip.port}`;
  for (const p of sip.params) out += p.value === undefined ? `;${p.name}` : `;${p.name}=${p.value}`;
  if (sip.headers !== undefined) out += `?${sip.headers}`;
  return out;
}

/** %HH → the byte, once (esc01: never recursively). */
export function unescapePercent(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A parameter's name as compared: unescaped once, lower case (esc01: ";%6C%72" is ";lr"). */
function paramName(param: Param): string {
  return unescapePercent(param.name).toLowerCase();
}

/** A parameter's value as compared ('' for a flag), or null when the URI lacks it. */
function uriParam(uri: SipUri, name: string): string | null {
  for (const p of uri.params) if (paramName(p) === name) return p.value === undefined ? '' : unescapePercent(p.value).toLowerCase();
  return null;
}

/** URI equality of RFC 3261 §19.1.4, for sip/sips (used to match bindings). */
export function sipUriEquals(a: SipUri, b: SipUri): boolean {
  if (a.scheme !== b.scheme) return false;
  if ((a.user === undefined) !== (b.user === undefined)) return false;
  if (a.user !== undefined && unescapePercent(a.user) !== unescapePercent(b.user as string)) return false;
  if ((a.password ?? null) !== (b.password ?? null)) return false;
  if (a.host !== b.host || a.port !== b.port) return false;
  // These must match if either side has them; other parameters only if both do.
  for (const name of ['user', 'ttl', 'method', 'maddr', 'transport']) {
    if (uriParam(a, name) !== uriParam(b, name)) return false;
  }
  for (const p of a.params) {
    const name = paramName(p);
    const other = uriParam(b, name);
    if (other !== null && other !== uriParam(a, name)) return false;
  }
  return (a.headers ?? '') === (b.headers ?? '');
}
