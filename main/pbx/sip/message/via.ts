import { formatParams, parseHeaderParams, type Param } from './params';
import { Scanner, SipSyntaxError } from './scan';
import { formatHost, parseHostPort } from './uri';

/** One Via value (RFC 3261 §20.42, RFC 3581). */
export interface Via {
  readonly protocol: string;
  readonly version: string;
  /** Upper case: UDP, TCP, TLS, WS, WSS, SCTP or any token (transports.dat). */
  readonly transport: string;
  readonly host: string;
  readonly port: number | undefined;
  readonly params: readonly Param[];
  readonly branch: string | undefined;
}

export const MAGIC_COOKIE = 'z9hG4bK';

/** sent-protocol LWS sent-by *(SEMI via-params), with SWS around "/" and ":" (wsinv). */
export function parseVia(text: string): Via {
  const scanner = new Scanner(text);
  const protocol = scanner.token('a protocol name in Via');
  scanner.expect('/', 'in Via');
  const version = scanner.token('a protocol version in Via');
  scanner.expect('/', 'in Via');
  const transport = scanner.token('a transport in Via').toUpperCase();
  scanner.skipWhitespace();
  let sentBy = scanner.until(';');
  // SWS is allowed around the colon of sent-by.
  sentBy = sentBy.replace(/\s*:\s*/, ':').trim();
  if (sentBy === '') throw new SipSyntaxError('Via has no sent-by');
  const { host, port } = parseHostPort(sentBy);
  const params = parseHeaderParams(scanner);
  scanner.skipWhitespace();
  if (!scanner.done) throw new SipSyntaxError('unexpected text in Via');
  let branch: string | undefined;
  for (const p of params) if (p.name === 'branch') branch = p.value;
  return { protocol, version, transport, host, port, params, branch };
}

export function formatVia(via: Via): string {
  const port = via.port === undefined ? '' : `:${via.port}`;
  return `${via.protocol}/${via.version}/${via.transport} ${formatHost(via.host)}${port}${formatParams(via.params)}`;
}

/** True for an RFC 3261 branch: the magic cookie and something after it (badbranch). */
export function isRfc3261Branch(branch: string | undefined): branch is string {
  return branch !== undefined && branch.length > MAGIC_COOKIE.length && branch.startsWith(MAGIC_COOKIE);
}
