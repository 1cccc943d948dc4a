import { useEffect } from 'react';
import { SignInPage } from '../features/signin/SignInPage';
import { useEngine } from '../state/engine-store';
import { useSettings } from '../state/settings-store';
import { AppShell } from './AppShell';

export function App() {
  const session = useEngine((s) => s.session);
  const boot = useEngine((s) => s.boot);
  const client = useEngine((s) => s.client);
  const connection = useEngine((s) => s.connection);
  const theme = useSettings((s) => s.settings?.theme ?? 'system');

  useEffect(() => {
    void boot();
  }, [boot]);

  // Settings drive the whole app (theme, number formatting): load them once connected, follow changes.
  useEffect(() => {
    if (!client || connection !== 'connected') return;
    const settings = useSettings.getState();
    void settings.load(client);
    return client.on('settings.changed', settings.receive);
  }, [client, connection]);

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
