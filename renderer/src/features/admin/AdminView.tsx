import type { ContractClient } from '../../api/contract-client';
import { useLiveExtensionDirectory } from '../../ui/extension-directory';
import { LoadState } from '../../ui/LoadState';
import { useResource } from '../../ui/use-resource';
import { ViewHeader } from '../../ui/ViewHeader';
import { ActiveCallsCard } from './ActiveCallsCard';
import { EngineCard } from './EngineCard';
import { ExtensionsSection } from './ExtensionsSection';

const loadStatus = (client: ContractClient) => client.call('engine.status', {});

export function AdminView() {
  const status = useResource(loadStatus);
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
