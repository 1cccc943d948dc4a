import { canonicalHeaderName } from './header-names';
import type { SipMessage } from './sip-message';

const names = new Map<string, string>();
function wireName(name: string): string {
  let wire = names.get(name);
  if (wire === undefined) {
    wire = canonicalHeaderName(name);
    if (names.size < 1000) names.set(name, wire);
  }
  return wire;
}

/**
 * Message → bytes. Content-Length is always written from the body, last, so
 * what we send is framed right whatever the message held (RFC 3261 §18.3).
 */
export function serializeMessage(message: SipMessage): Buffer {
  let head =
    message.kind === 'request'
      ? `${message.method} ${message.uri} ${message.version}\r\n`
      : `${message.version} ${message.status} ${message.reason}\r\n`;
  for (const h of message.headers) {
    if (h.name !== 'content-length') head += `${wireName(h.name)}: ${h.value}\r\n`;
  }
  head += `Content-Length: ${message.body.length}\r\n\r\n`;
  if (message.body.length === 0) return Buffer.from(head, 'latin1');
  const headBuf = Buffer.from(head, 'latin1');
  return Buffer.concat([headBuf, message.body], headBuf.length + message.body.length);
}
