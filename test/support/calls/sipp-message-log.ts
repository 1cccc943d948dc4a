/** One SIP message from SIPp's -trace_msg log. */
export interface SippMessage {
  direction: 'sent' | 'received';
  /** "INVITE sip:…" or "SIP/2.0 200 OK". */
  startLine: string;
  text: string;
}

// Each entry starts with a rule and a timestamp, then "UDP message received [593] bytes :"
// or "UDP message sent (215 bytes):", a blank line and the message.
const ENTRY = /^-{20,} [^\n]*\n(?:UDP|TCP) message (sent|received)[^\n]*\n\n([\s\S]*?)(?=^-{20,} |(?![\s\S]))/gm;

export function parseSippMessageLog(log: string): SippMessage[] {
  return [...log.matchAll(ENTRY)].map((m) => {
    // SIP's CRLF line ends become LF, so tests can match lines with ^ and $.
    const text = (m[2] ?? '').replace(/\r\n/g, '\n').replace(/\n+$/, '\n');
    return { direction: m[1] as 'sent' | 'received', startLine: text.split('\n')[0]?.trim() ?? '', text };
  });
}

/** The status codes of the responses SIPp received for its requests of `method` (by CSeq). */
export function statusesReceived(messages: readonly SippMessage[], method: string): number[] {
  return messages
    .filter((m) => m.direction === 'received' && m.startLine.startsWith('SIP/2.0 ') && new RegExp(`^CSeq:\\s*\\d+\\s+${method}\\s*$`, 'im').test(m.text))
    .map((m) => Number(m.startLine.split(' ')[1]));
}

/** The requests of `method` SIPp received. */
export function requestsReceived(messages: readonly SippMessage[], method: string): SippMessage[] {
  return messages.filter((m) => m.direction === 'received' && m.startLine.startsWith(`${method} `));
}

/** A message's body: what follows the blank line after its headers. */
export function bodyOf(message: SippMessage): string {
  const blank = message.text.indexOf('\n\n');
  return blank < 0 ? '' : message.text.slice(blank + 2);
}
