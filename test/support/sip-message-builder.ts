import { parseMessage } from '../../main/pbx/sip/message/parser';
import type { SipMessage, SipRequest, SipResponse } from '../../main/pbx/sip/message/sip-message';

/** Builds a request from lines, as a peer would write it, and parses it with the real parser. */
export function request(lines: string[], body = ''): SipRequest {
  const message = parseMessage(Buffer.from(`${lines.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, 'latin1'));
  if (!message || message.kind !== 'request') throw new Error('not a request');
  return message;
}

export function response(lines: string[]): SipResponse {
  const message = parseMessage(Buffer.from(`${lines.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`, 'latin1'));
  if (!message || message.kind !== 'response') throw new Error('not a response');
  return message;
}

export function parseBytes(bytes: Buffer): SipMessage {
  const message = parseMessage(bytes);
  if (!message) throw new Error(`unparseable: ${bytes.toString('latin1')}`);
  return message;
}

/** A minimal but complete request of a method, with a branch. */
export function basicRequest(method: string, branch = 'z9hG4bK-test-1', extra: string[] = []): SipRequest {
  return request([
    `${method} sip:1001@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:5099;branch=${branch}`,
    'Max-Forwards: 70',
    'From: <sip:1002@127.0.0.1>;tag=caller-tag',
    'To: <sip:1001@127.0.0.1>',
    'Call-ID: call-1@test',
    `CSeq: 1 ${method}`,
    ...extra,
  ]);
}
