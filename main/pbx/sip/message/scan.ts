// Character-level helpers shared by the header parsers. Header text is a
// latin1 "binary string": one char per byte, so bytes round-trip exactly.

export class SipSyntaxError extends Error {
  override readonly name = 'SipSyntaxError';
}

// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")  (RFC 3261 §25.1)
const TOKEN = new Uint8Array(256);
for (const c of "-.!%*_+`'~") TOKEN[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TOKEN[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TOKEN[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TOKEN[c] = 1;

export function isTokenChar(code: number): boolean {
  return TOKEN[code] === 1;
}

export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (TOKEN[text.charCodeAt(i)] !== 1) return false;
  return true;
}

export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

/** A cursor over one header value (already unfolded). */
export class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Skips whitespace, then consumes `char` if it is next. */
  eat(char: string): boolean {
    this.skipWhitespace();
    if (this.text[this.pos] === char) {
      this.pos++;
      return true;
    }
    return false;
  }

  expect(char: string, what: string): void {
    if (!this.eat(char)) throw new SipSyntaxError(`expected "${char}" ${what}`);
  }

  token(what: string): string {
    this.skipWhitespace();
    const start = this.pos;
    while (this.pos < this.text.length && TOKEN[this.text.charCodeAt(this.pos)] === 1) this.pos++;
    if (this.pos === start) throw new SipSyntaxError(`expected ${what}`);
    return this.text.slice(start, this.pos);
  }

  /** Reads chars until one of `stops` (not consumed); no whitespace skipping. */
  until(stops: string): string {
    const start = this.pos;
    while (this.pos < this.text.length && !stops.includes(this.text[this.pos] as string)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /**
   * quoted-string (RFC 3261 §25.1): returns the raw text including the quotes,
   * so it is written back byte for byte. quoted-pair may escape any byte but CR/LF.
   */
  quotedString(): string {
    this.skipWhitespace();
    const start = this.pos;
    if (this.text[this.pos] !== '"') throw new SipSyntaxError('expected a quoted string');
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x5c /* \ */) {
        this.pos += 2;
        continue;
      }
      this.pos++;
      if (c === 0x22 /* " */) return this.text.slice(start, this.pos);
    }
    throw new SipSyntaxError('unterminated quoted string');
  }
}

/** The content of a quoted string without quotes and backslash escapes. */
export function unquote(quoted: string): string {
  if (quoted.length < 2 || quoted[0] !== '"') return quoted;
  return quoted.slice(1, -1).replace(/\\(.)/gs, '$1');
}

export function quote(text: string): string {
  return `"${text.replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * Splits a list header value on commas that are outside quoted strings and
 * <...>, as RFC 3261 §7.3.1 allows. Empty elements are kept (and rejected by
 * the element parser), so a stray comma is a syntax error, not silently lost.
 */
export function splitList(value: string): string[] {
  const parts: string[] = [];
  let depthAngle = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (inQuote) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inQuote = false;
    } else if (c === 0x22) inQuote = true;
    else if (c === 0x3c) depthAngle++;
    else if (c === 0x3e) depthAngle = Math.max(0, depthAngle - 1);
    else if (c === 0x2c && depthAngle === 0) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts;
}

/** Parses a non-negative decimal integer with an upper bound; leading zeros allowed (wsinv). */
export function parseBoundedInt(text: string, max: number, what: string): number {
  const trimmed = text.trim();
  if (!/^\d{1,20}$/.test(trimmed)) throw new SipSyntaxError(`${what} is not a number`);
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value > max) throw new SipSyntaxError(`${what} is out of range`);
  return value;
}

export const MAX_UINT32 = 0xffffffff;
