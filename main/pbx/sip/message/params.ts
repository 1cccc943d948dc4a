import { SipSyntaxError, type Scanner } from './scan';

/** One ;name[=value] parameter. Names are case-insensitive, so kept in lower case. */
export interface Param {
  readonly name: string;
  /** undefined for a flag parameter such as ;lr or ;rport */
  readonly value: string | undefined;
}

/** A header's ;params after its main value: LWS allowed around ";" and "=" (RFC 3261 §7.3.1, wsinv). */
export function parseHeaderParams(scanner: Scanner): Param[] {
  const params: Param[] = [];
  while (scanner.eat(';')) {
    const name = scanner.token('a parameter name').toLowerCase();
    let value: string | undefined;
    if (scanner.eat('=')) {
      scanner.skipWhitespace();
      const c = scanner.peek();
      if (c === 0x22) value = scanner.quotedString();
      else if (c === 0x5b /* [ */) {
        const v6 = scanner.until(']');
        if (!scanner.eat(']')) throw new SipSyntaxError('unterminated IPv6 reference in a parameter');
        value = `${v6}]`;
      } else if (name === 'received' || name === 'maddr') {
        // received = IPv4address / IPv6address: an IPv6 address is written without brackets (RFC 3261 §20.42).
        value = scanner.until(';,? \t').trim();
        if (value === '') throw new SipSyntaxError(`expected a value for ;${name}`);
      } else value = scanner.token(`a value for ;${name}`);
    }
    params.push({ name, value });
  }
  return params;
}

export function getParam(params: readonly Param[], name: string): Param | undefined {
  for (const p of params) if (p.name === name) return p;
  return undefined;
}

export function paramValue(params: readonly Param[], name: string): string | undefined {
  return getParam(params, name)?.value;
}

export function hasParam(params: readonly Param[], name: string): boolean {
  return getParam(params, name) !== undefined;
}

export function formatParams(params: readonly Param[]): string {
  let out = '';
  for (const p of params) out += p.value === undefined ? `;${p.name}` : `;${p.name}=${p.value}`;
  return out;
}

/** A copy with `name` set (replaced in place, or appended). */
export function withParam(params: readonly Param[], name: string, value: string | undefined): Param[] {
  let found = false;
  const next = params.map((p) => {
    if (p.name !== name) return p;
    found = true;
    return { name, value };
  });
  if (!found) next.push({ name, value });
  return next;
}

export function withoutParam(params: readonly Param[], name: string): Param[] {
  return params.filter((p) => p.name !== name);
}
