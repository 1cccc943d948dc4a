import { normalizeHeaderName } from './header-names';
import { isToken, SipSyntaxError } from './scan';
import { EMPTY_BODY, SipRequest, SipResponse, type HeaderField, type MessageDefect, type SipMessage } from './sip-message';

// Bytes → message (RFC 3261 §7). Liberal where RFC 4475 allows it (extra SP in
// the request line, LWS before ":", folded lines), strict where framing or
// routing would otherwise be guessed. Never throws on input: a message that
// cannot be read at all is undefined (drop it); one that can be read but is
// broken carries a `defect` saying what its sender should be told.

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');

function defect(status: 400 | 505, reason: string): MessageDefect {
  return { status, reason };
}

/** Splits the header block into lines, unfolding continuation lines (leading SP/HT). */
function headerLines(text: string): string[] {
  const raw = text.split(/\r?\n/);
  const lines: string[] = [];
  for (const line of raw) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && lines.length > 0) {
      lines[lines.length - 1] = `${lines[lines.length - 1]} ${line.trim()}`;
    } else if (line !== '') {
      lines.push(line);
    }
  }
  return lines;
}

function parseHeaders(lines: string[]): { headers: HeaderField[]; defect?: MessageDefect } {
  const headers: HeaderField[] = [];
  let problem: MessageDefect | undefined;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trimEnd();
    if (!isToken(name)) {
      problem ??= defect(400, 'Malformed header line');
      continue;
    }
    headers.push({ name: normalizeHeaderName(name), value: line.slice(colon + 1).trim() });
  }
  return problem ? { headers, defect: problem } : { headers };
}

/** Content-Length: every value must agree (mcl01) and be a non-negative integer (ncl). */
function contentLength(headers: HeaderField[]): number | undefined | MessageDefect {
  let length: number | undefined;
  for (const h of headers) {
    if (h.name !== 'content-length') continue;
    if (!/^\d{1,9}$/.test(h.value)) return defect(400, 'Bad Content-Length');
    const value = Number(h.value);
    if (length !== undefined && length !== value) return defect(400, 'Conflicting Content-Length headers');
    length = value;
  }
  return length;
}

function readableCSeq(response: SipResponse): boolean {
  try {
    void response.cseq;
    return true;
  } catch (error) {
    if (error instanceof SipSyntaxError) return false;
    throw error;
  }
}

function startLine(line: string, headers: HeaderField[], body: Buffer): SipMessage | undefined {
  if (line.startsWith('SIP/')) {
    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; the reason may be empty (noreason).
    const match = /^(SIP\/\d+\.\d+) ([1-6]\d\d)(?: (.*))?$/.exec(line);
    if (!match) return undefined; // bigcode: drop an unreadable response
    const response = new SipResponse(Number(match[2]), match[3] ?? '', headers, body, match[1]);
    // scalarlg: a response whose CSeq cannot be read matches no transaction; discard it (RFC 4475 §3.1.2.5).
    return readableCSeq(response) ? response : undefined;
  }
  // Liberal on runs of SP and trailing SP (lwsstart, trws); the parts must still be three.
  const parts = line.trimEnd().split(/ +/);
  const method = parts[0] ?? '';
  if (!isToken(method)) return undefined;
  const request = new SipRequest(method, parts[1] ?? '', headers, body, (parts[2] ?? '').toUpperCase());
  if (parts.length !== 3) request.defect = defect(400, 'Malformed Request-Line');
  else if (!/^SIP\/\d+\.\d+$/i.test(parts[2] as string)) request.defect = defect(400, 'Malformed SIP-Version');
  else if (request.version !== 'SIP/2.0') request.defect = defect(505, 'Version Not Supported');
  return request;
}

/**
 * Parses one message. For a datagram the message ends with the datagram: a
 * missing Content-Length means "the rest" (RFC 3261 §18.3, inv2543), extra
 * bytes after the body are ignored (dblreq). A stream framer hands over
 * exactly one message.
 */
export function parseMessage(data: Buffer): SipMessage | undefined {
  let start = 0;
  while (start + 1 < data.length && data[start] === 0x0d && data[start + 1] === 0x0a) start += 2;
  let headerEnd = data.indexOf(CRLFCRLF, start);
  let bodyStart = headerEnd + 4;
  if (headerEnd < 0) {
    headerEnd = data.indexOf(LFLF, start);
    bodyStart = headerEnd + 2;
  }
  if (headerEnd < 0) {
    // No blank line (baddn): the whole datagram is the header block.
    headerEnd = data.length;
    bodyStart = data.length;
  }
  const lines = headerLines(data.toString('latin1', start, headerEnd));
  const first = lines.shift();
  if (first === undefined) return undefined;
  const { headers, defect: headerDefect } = parseHeaders(lines);

  const length = contentLength(headers);
  const available = data.length - bodyStart;
  let body = EMPTY_BODY;
  let bodyDefect: MessageDefect | undefined;
  if (typeof length === 'object') bodyDefect = length;
  else if (length === undefined) body = available > 0 ? data.subarray(bodyStart) : EMPTY_BODY;
  else if (length > available) bodyDefect = defect(400, 'Content-Length larger than the message');
  else body = length === 0 ? EMPTY_BODY : data.subarray(bodyStart, bodyStart + length);

  const message = startLine(first, headers, body);
  if (message && !message.defect) message.defect = headerDefect ?? bodyDefect;
  return message;
}
