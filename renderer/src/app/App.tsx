import { useEffect } from 'react';
import { SignInPage } from '../features/signin/SignInPage';
import { useEngine } from '../state/engine-store';
import { useLive } from '../state/live-store';
import { useSettings } from '../state/settings-store';
import { AppShell } from './AppShell';

export function App() {
  const session = useEngine((s) => s.session);
  const boot = useEngine((s) => s.boot);
  // Settings drive the whole app (theme, number formatting): loaded once connected, kept live.
  const theme = useLive(useSettings).settings?.theme ?? 'system';

  useEffect(() => {
    void boot();
  }, [boot]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  if (session.status === 'checking') {
    return (
      <div className="splash" role="status">
        <div className="spinner" aria-hidden="true" />
        Connecting to Dialtone…
      </div>
    );
  }
  if (session.status === 'signed-out') return <SignInPage />;
  return <AppShell user={session.user} />;
}
