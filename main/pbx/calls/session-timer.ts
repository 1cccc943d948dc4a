import type { SipMessage } from '../sip/message/sip-message';

/** RFC 4028: the smallest interval we accept, and what we ask for when a peer names none. */
export const MIN_SESSION_EXPIRES = 90;

export interface SessionExpires {
  seconds: number;
  refresher: 'uac' | 'uas' | undefined;
}

/** Session-Expires (compact x) of a request or response, if present and readable (RFC 4028 §4). */
export function readSessionExpires(message: SipMessage): SessionExpires | undefined {
  const value = message.header('session-expires');
  const match = value ? /^\s*(\d{1,9})\s*(?:;(.*))?$/.exec(value) : null;
  if (!match) return undefined;
  const refresher = /(?:^|;)\s*refresher\s*=\s*(uac|uas)\b/i.exec(match[2] ?? '')?.[1]?.toLowerCase();
  return { seconds: Number(match[1]), refresher: refresher as 'uac' | 'uas' | undefined };
}

export function supportsTimer(message: SipMessage): boolean {
  return message.headerValues('supported').some((t) => t.toLowerCase() === 'timer');
}
