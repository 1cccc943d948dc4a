import { useCallback } from 'react';
import { useEngine } from '../../state/engine-store';
import { LoadState } from '../../ui/LoadState';
import { useResource } from '../../ui/use-resource';
import { ViewHeader } from '../../ui/ViewHeader';

export function AdminView() {
  const client = useEngine((s) => s.client);
  const load = useCallback(() => client!.call('engine.status', {}), [client]);
  const status = useResource(client ? load : undefined);
  const data = status.data;
  return (
    <section className="view">
      <ViewHeader title="Admin" />
      <LoadState status={status.status} error={status.error} onRetry={status.reload} what="the engine's status">
        {data && (
          <div className="card">
            <h2>Engine</h2>
            <dl className="facts">
              <dt>Version</dt>
              <dd>{data.version}</dd>
              <dt>Running since</dt>
              <dd>{new Date(data.startedAt).toLocaleString()}</dd>
              <dt>Web UI and API</dt>
              <dd>
                {data.http.bind}:{data.http.port}
              </dd>
              <dt>Data folder</dt>
              <dd>
                <code>{data.dataDir}</code>
              </dd>
            </dl>
          </div>
        )}
      </LoadState>
    </section>
  );
}
