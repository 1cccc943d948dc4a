import type { Presence } from './presence-words';

/**
 * A coloured presence dot; the words next to it carry the meaning, the colour
 * only repeats it. Without a presence (a contact outside the office), a dashed ring.
 */
export function StatusDot({ state }: { state: Presence | undefined }) {
  return <span className={`status-dot status-dot-${state ?? 'none'}`} aria-hidden="true" />;
}
