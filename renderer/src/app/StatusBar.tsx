import { useEffect, useState } from 'react';
import type { Whoami } from '../../../shared/contract';
import { RegistrationBadge } from '../features/phone/RegistrationBadge';
import { useEngine } from '../state/engine-store';

function useSecondsUntil(at: number | undefined): number | undefined {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (at === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [at]);
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function StatusBar({ user }: { user: Whoami }) {
  const connection = useEngine((s) => s.connection);
  const nextAttemptAt = useEngine((s) => s.nextAttemptAt);
  const mode = useEngine((s) => s.mode);
  const signOut = useEngine((s) => s.signOut);
  const seconds = useSecondsUntil(connection === 'reconnecting' ? nextAttemptAt : undefined);

  const label =
    connection === 'connected'
      ? 'Connected to the engine'
      : connection === 'reconnecting'
        ? `Engine unreachable — retrying${seconds ? ` in ${seconds} s` : '…'}`
        : connection === 'connecting'
          ? 'Connecting to the engine…'
          : 'Signed out';

  return (
    <footer className="statusbar">
      <span className={`conn conn-${connection}`} role="status" aria-live="polite" data-testid="engine-connection">
        <span className="dot" aria-hidden="true" />
        {label}
      </span>
      <span className="statusbar-right">
        <RegistrationBadge compact />
        <span data-testid="signed-in-user">
          {mode === 'desktop' ? 'This computer' : `Signed in as ${user.username}`}
        </span>
        {mode === 'browser' && (
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        )}
      </span>
    </footer>
  );
}
