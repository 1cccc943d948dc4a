import { useLiveExtensionDirectory } from '../../ui/extension-directory';
import { LoadState } from '../../ui/LoadState';
import { useLiveTrunkDirectory } from '../../ui/trunk-directory';
import { ViewHeader } from '../../ui/ViewHeader';
import { DialPolicyCard } from './DialPolicyCard';
import { InboundRoutesCard } from './InboundRoutesCard';
import { OutboundRoutesCard } from './OutboundRoutesCard';
import { useLoadedRoutes } from './routes-store';
import { TryNumberCard } from './TryNumberCard';

/** Where calls go: routes out (in order), routes in, who may call abroad, and a place to try a number. */
export function RoutesView() {
  const routes = useLoadedRoutes();
  const trunks = useLiveTrunkDirectory();
  const directory = useLiveExtensionDirectory();
  const trunkNames = trunks.trunks.map((t) => t.name);
  const { setup } = routes;

  return (
    <section className="view">
      <ViewHeader title="Routes" />
      <LoadState status={routes.status} error={routes.error} onRetry={routes.reload} what="routes">
        {setup && (
          <div className="routes">
            <TryNumberCard extensions={directory.extensions} setup={setup} />
            <OutboundRoutesCard routes={setup.outbound} trunkNames={trunkNames} onChanged={routes.reload} />
            <InboundRoutesCard routes={setup.inbound} trunkNames={trunkNames} extensions={directory.extensions} onChanged={routes.reload} />
            <DialPolicyCard policy={setup.policy} extensions={directory.extensions} onSaved={routes.reload} />
          </div>
        )}
      </LoadState>
    </section>
  );
}
