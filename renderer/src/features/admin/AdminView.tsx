import { useCallback } from 'react';
import { useEngine } from '../../state/engine-store';
import { useLiveExtensionDirectory } from '../../ui/extension-directory';
import { LoadState } from '../../ui/LoadState';
import { useResource } from '../../ui/use-resource';
import { ViewHeader } from '../../ui/ViewHeader';
import { ActiveCallsCard } from './ActiveCallsCard';
import { EngineCard } from './EngineCard';
import { ExtensionsSection } from './ExtensionsSection';

export function AdminView() {
  const client = useEngine((s) => s.client);
  const connected = useEngine((s) => s.connection === 'connected');
  const load = useCallback(() => client!.call('engine.status', {}), [client]);
  // Asked once connected (a call made while the bridge connects fails), and again after a reconnect.
  const status = useResource(client && connected ? load : undefined);
  const directory = useLiveExtensionDirectory();
  const liveDevices = directory.extensions.reduce((n, e) => n + e.registrations.length, 0);

  return (
    <section className="view">
      <ViewHeader title="Admin" />
      <div className="admin">
        <ActiveCallsCard extensions={directory.extensions} />
        <LoadState status={status.status} error={status.error} onRetry={status.reload} what="the engine's status">
          {status.data && <EngineCard status={status.data} registeredDevices={directory.status === 'ready' ? liveDevices : status.data.sip.registrations} />}
        </LoadState>
        <ExtensionsSection directory={directory} />
      </div>
    </section>
  );
}
