function startOfDay(at: number): number {
  const day = new Date(at);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * When a call started, as a phone's recent calls list says it: the time for
 * today, "Yesterday", the day and month this year, else a full date. In the
 * person's own locale.
 */
export function formatCallTime(at: number, now: number = Date.now()): string {
  const today = startOfDay(now);
  if (at >= today) return new Date(at).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  if (at >= startOfDay(today - 1)) return 'Yesterday';
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Date(at).toLocaleDateString(undefined, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
}
