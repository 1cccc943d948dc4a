/**
 * DTMF carried in SIP INFO bodies, as phones send it when not using RFC 4733:
 * application/dtmf-relay ("Signal=5\r\nDuration=160") and application/dtmf ("5").
 */
export interface InfoDigit {
  digit: string;
  durationMs: number;
}

const DIGITS = /^[0-9*#A-Da-d]$/;
const EVENT_CODES = '0123456789*#ABCD';

export function parseDtmfInfo(contentType: string | undefined, body: Buffer): InfoDigit | undefined {
  const text = body.toString('latin1').trim();
  if (contentType === 'application/dtmf-relay') {
    const signal = /^\s*signal\s*=\s*(\S+)\s*$/im.exec(text)?.[1];
    const duration = Number(/^\s*duration\s*=\s*(\d+)\s*$/im.exec(text)?.[1] ?? 160);
    // Some phones send the RFC 4733 event code (10 = *, 11 = #) instead of the character.
    const digit = signal && /^\d{2}$/.test(signal) ? EVENT_CODES[Number(signal)] : signal;
    if (!digit || !DIGITS.test(digit)) return undefined;
    return { digit: digit.toUpperCase(), durationMs: Math.min(Math.max(duration, 40), 5000) };
  }
  if (contentType === 'application/dtmf' && DIGITS.test(text)) return { digit: text.toUpperCase(), durationMs: 160 };
  return undefined;
}
