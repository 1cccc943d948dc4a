/** Whether an extension can take a call, as the Presence view, the contacts and the dialer's search show it. */
export type Presence = 'available' | 'offline' | 'busy' | 'ringing';

/** A presence in words: the StatusDot beside them only repeats it in colour. */
export const PRESENCE_WORDS: Record<Presence, string> = { available: 'Available', offline: 'Offline', busy: 'On a call', ringing: 'Ringing' };
