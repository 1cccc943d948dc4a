import { canonicalHeaderName, isListHeader, normalizeHeaderName } from './header-names';
import { parseNameAddr, type NameAddr } from './name-addr';
import { MAX_UINT32, parseBoundedInt, SipSyntaxError, splitList } from './scan';
import { parseUri, type Uri } from './uri';
import { parseVia, type Via } from './via';

// The message model (RFC 3261 §7). Header values are latin1 "binary strings"
// (one char per byte): what comes in goes out byte for byte, invalid UTF-8
// and NULs included. Typed views (vias, from, cseq...) are parsed on first use
// and cached; changing a header drops its cached view.

export interface HeaderField {
  /** Full name in lower case (compact forms expanded). */
  readonly name: string;
  /** Unfolded and trimmed. */
  value: string;
}

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/** Why a message cannot be processed as it stands; the status is what a request gets. */
export interface MessageDefect {
  readonly status: 400 | 505;
  readonly reason: string;
}

export const EMPTY_BODY: Buffer = Buffer.alloc(0);

abstract class SipMessageBase {
  readonly headers: HeaderField[];
  body: Buffer;
  /** Set by the parser when the start line or framing is broken. */
  defect: MessageDefect | undefined;
  private cache: Map<string, unknown> | undefined;

  constructor(headers: HeaderField[], body: Buffer) {
    this.headers = headers;
    this.body = body;
  }

  /** The first field's value, whole (not split at commas). */
  header(name: string): string | undefined {
    for (const h of this.headers) if (h.name === name) return h.value;
    return undefined;
  }

  /** Every value: list headers split at commas, others one per field. */
  headerValues(name: string): string[] {
    const out: string[] = [];
    const split = isListHeader(name);
    for (const h of this.headers) {
      if (h.name !== name) continue;
      if (split) for (const part of splitList(h.value)) out.push(part);
      else out.push(h.value);
    }
    return out;
  }

  count(name: string): number {
    let n = 0;
    for (const h of this.headers) if (h.name === name) n++;
    return n;
  }

  has(name: string): boolean {
    return this.header(name) !== undefined;
  }

  /** Replaces every field of `name` with one (or removes them for undefined). */
  setHeader(name: string, value: string | undefined): this {
    const index = this.headers.findIndex((h) => h.name === name);
    this.removeHeader(name);
    if (value !== undefined) this.headers.splice(index < 0 ? this.headers.length : index, 0, { name, value });
    return this;
  }

  addHeader(name: string, value: string): this {
    this.headers.push({ name, value });
    this.forget(name);
    return this;
  }

  /** Adds a field before the first one of the same name (a new top Via, Record-Route...). */
  prependHeader(name: string, value: string): this {
    const index = this.headers.findIndex((h) => h.name === name);
    this.headers.splice(index < 0 ? this.headers.length : index, 0, { name, value });
    this.forget(name);
    return this;
  }

  removeHeader(name: string): this {
    for (let i = this.headers.length - 1; i >= 0; i--) if (this.headers[i]!.name === name) this.headers.splice(i, 1);
    this.forget(name);
    return this;
  }

  /** The first Via value as written: what an ACK for a failure and a CANCEL repeat (RFC 3261 §9.1, §17.1.1.3). */
  topViaText(): string {
    const field = this.headers.find((h) => h.name === 'via');
    return field ? (splitList(field.value)[0] ?? '') : '';
  }

  /** Rewrites the first Via value, keeping any others in the same field (RFC 3261 §18.2.1). */
  replaceTopVia(value: string): void {
    const index = this.headers.findIndex((h) => h.name === 'via');
    if (index < 0) return;
    const field = this.headers[index] as HeaderField;
    const rest = splitList(field.value).slice(1);
    field.value = rest.length === 0 ? value : [value, ...rest].join(', ');
    this.forget('via');
  }

  protected forget(key: string): void {
    this.cache?.delete(key);
  }

  protected cached<T>(key: string, parse: () => T): T {
    this.cache ??= new Map();
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = parse();
    this.cache.set(key, value);
    return value;
  }

  /** Exactly one field, or a syntax error (multi01: several Call-IDs). */
  protected single(name: string): string {
    let value: string | undefined;
    for (const h of this.headers) {
      if (h.name !== name) continue;
      if (value !== undefined) throw new SipSyntaxError(`more than one ${canonicalHeaderName(name)} header`);
      value = h.value;
    }
    if (value === undefined) throw new SipSyntaxError(`no ${canonicalHeaderName(name)} header`);
    return value;
  }

  get vias(): Via[] {
    return this.cached('via', () => {
      const values = this.headerValues('via');
      if (values.length === 0) throw new SipSyntaxError('no Via header');
      return values.map(parseVia);
    });
  }

  get topVia(): Via {
    return this.vias[0] as Via;
  }

  get from(): NameAddr {
    return this.cached('from', () => parseNameAddr(this.single('from')));
  }

  get to(): NameAddr {
    return this.cached('to', () => parseNameAddr(this.single('to')));
  }

  get fromTag(): string | undefined {
    for (const p of this.from.params) if (p.name === 'tag') return p.value;
    return undefined;
  }

  get toTag(): string | undefined {
    for (const p of this.to.params) if (p.name === 'tag') return p.value;
    return undefined;
  }

  get callId(): string {
    return this.cached('call-id', () => {
      const value = this.single('call-id');
      if (value === '' || /\s/.test(value)) throw new SipSyntaxError('bad Call-ID');
      return value;
    });
  }

  get cseq(): CSeq {
    return this.cached('cseq', () => {
      const match = /^(\d+)\s+(\S+)$/.exec(this.single('cseq'));
      if (!match) throw new SipSyntaxError('bad CSeq');
      return { seq: parseBoundedInt(match[1] as string, MAX_UINT32, 'CSeq number'), method: match[2] as string };
    });
  }

  /** Contact values; "*" only in a REGISTER that removes every binding. */
  get contacts(): NameAddr[] | '*' {
    return this.cached('contact', () => {
      const values = this.headerValues('contact');
      if (values.length === 1 && values[0] === '*') return '*' as const;
      return values.map(parseNameAddr);
    });
  }

  get contentType(): string | undefined {
    const value = this.header('content-type');
    return value?.split(';')[0]?.trim().toLowerCase();
  }
}

export class SipRequest extends SipMessageBase {
  readonly kind = 'request' as const;

  constructor(
    public method: string,
    /** The Request-URI as written. */
    public uri: string,
    headers: HeaderField[],
    body: Buffer = EMPTY_BODY,
    public version = 'SIP/2.0',
  ) {
    super(headers, body);
  }

  get requestUri(): Uri {
    return this.cached(' ruri', () => parseUri(this.uri));
  }

  setUri(uri: string): void {
    this.uri = uri;
    this.forget(' ruri');
  }

  /** Max-Forwards, or undefined when absent (RFC 2543 peers, inv2543). */
  get maxForwards(): number | undefined {
    return this.cached('max-forwards', () => {
      const value = this.header('max-forwards');
      return value === undefined ? undefined : parseBoundedInt(value, 255, 'Max-Forwards');
    });
  }
}

export class SipResponse extends SipMessageBase {
  readonly kind = 'response' as const;

  constructor(
    public status: number,
    public reason: string,
    headers: HeaderField[],
    body: Buffer = EMPTY_BODY,
    public version = 'SIP/2.0',
  ) {
    super(headers, body);
  }
}

export type SipMessage = SipRequest | SipResponse;

/** A header field from a name as written on the wire. */
export function field(name: string, value: string): HeaderField {
  return { name: normalizeHeaderName(name), value };
}
