import type { TrunkStatus } from '../../../../shared/trunks';

/** How a status looks: the words carry the meaning, the tone only colours the dot. */
export type StatusTone = 'ok' | 'failing' | 'pending' | 'off';

export interface StatusWords {
  tone: StatusTone;
  text: string;
}

/** "14:05", with the date when it is not today. */
function clockTime(at: number, now: number): string {
  const when = new Date(at);
  const sameDay = when.toDateString() === new Date(now).toDateString();
  return sameDay ? when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : when.toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
}

/** "in 25 s", "in 4 min", "now". */
function countdown(at: number, now: number): string {
  const seconds = Math.ceil((at - now) / 1000);
  if (seconds <= 0) return 'now';
  return seconds < 120 ? `in ${seconds} s` : `in ${Math.round(seconds / 60)} min`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A trunk's live status in words: "Registered until 14:05", "Failed: no answer from … · next attempt in 25 s". */
export function describeTrunkStatus(status: TrunkStatus | undefined, now: number): StatusWords {
  if (!status) return { tone: 'pending', text: 'Starting…' };
  const retry = status.nextAttemptAt === null ? '' : ` · next attempt ${countdown(status.nextAttemptAt, now)}`;
  switch (status.state) {
    case 'registered':
      return { tone: 'ok', text: status.registeredUntil === null ? 'Registered' : `Registered until ${clockTime(status.registeredUntil, now)}` };
    case 'reachable':
      return { tone: 'ok', text: `Reachable: ${status.detail}` };
    case 'registering':
      return { tone: 'pending', text: 'Registering…' };
    case 'failed':
      return { tone: 'failing', text: `Failed: ${status.detail}${retry}` };
    case 'unreachable':
      return { tone: 'failing', text: `Unreachable: ${status.detail}` };
    case 'disabled':
      return { tone: 'off', text: 'Turned off' };
    case 'unknown':
      return { tone: 'off', text: status.detail ? capitalise(status.detail) : 'No status yet' };
  }
}

/** Whether the words change with time (a countdown), so the view must tick. */
export function statusCountsDown(status: TrunkStatus | undefined): boolean {
  return status?.state === 'failed' && status.nextAttemptAt !== null;
}
