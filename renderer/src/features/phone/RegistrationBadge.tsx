import { useNow } from '../../ui/use-now';
import { usePhone } from '../../state/phone-store';
import { registrationWords } from './registration-words';

/** The phone's registration, live: ready, connecting, reconnecting in N s (and why), unavailable (and why). */
export function RegistrationBadge({ compact = false }: { compact?: boolean }) {
  const status = usePhone((s) => s.registration);
  const retry = usePhone((s) => s.retry);
  const waiting = status.state === 'reconnecting';
  const now = useNow(waiting, 500);
  const secondsLeft = waiting ? Math.max(0, Math.ceil((status.nextAttemptAt - now) / 1000)) : undefined;
  const words = registrationWords(status, secondsLeft);
  if (compact && status.state === 'idle') return null;
  return (
    <span className={`registration-badge registration-${words.tone}${compact ? ' registration-compact' : ''}`} data-testid={compact ? 'phone-status-compact' : 'phone-status'}>
      <span className="dot" aria-hidden="true" />
      <span role="status" aria-live="polite">
        {words.text}
      </span>
      {!compact && (status.state === 'reconnecting' || status.state === 'failed') && (
        <button type="button" className="link-button" onClick={retry}>
          Retry now
        </button>
      )}
    </span>
  );
}
