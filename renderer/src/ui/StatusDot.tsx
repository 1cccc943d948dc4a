/** A coloured presence dot; the words next to it carry the meaning, the colour only repeats it. */
export function StatusDot({ state }: { state: 'available' | 'offline' | 'busy' | 'ringing' }) {
  return <span className={`status-dot status-dot-${state}`} aria-hidden="true" />;
}
