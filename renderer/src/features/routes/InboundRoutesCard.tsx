import { useState } from 'react';
import type { ExtensionSummary } from '../../../../shared/extensions';
import type { InboundRoute } from '../../../../shared/routing';
import { useEngine } from '../../state/engine-store';
import { ConfirmRemove } from '../../ui/ConfirmRemove';
import { Table } from '../../ui/Table';
import { describeDestination, describeDid } from './inbound-words';
import { InboundRouteForm } from './InboundRouteForm';

const keyOf = (route: InboundRoute) => `${route.did}|${route.trunk ?? ''}`;

/** Inbound routes: which extension a number the provider sends rings, per trunk or from any. */
export function InboundRoutesCard({
  routes,
  trunkNames,
  extensions,
  onChanged,
}: {
  routes: readonly InboundRoute[];
  trunkNames: readonly string[];
  extensions: readonly ExtensionSummary[];
  onChanged: () => void;
}) {
  const client = useEngine((s) => s.client);
  // Which form is open: a new route, or the route with that key.
  const [open, setOpen] = useState<{ kind: 'add' } | { kind: 'edit'; key: string } | undefined>();
  const editing = open?.kind === 'edit' ? routes.find((r) => keyOf(r) === open.key) : undefined;
  const close = () => setOpen(undefined);
  const saved = () => {
    close();
    onChanged();
  };

  async function remove(route: InboundRoute) {
    if (!client) return;
    await client.call('routes.removeInbound', { did: route.did, ...(route.trunk ? { trunk: route.trunk } : {}) });
    onChanged();
  }

  return (
    <section className="card routes-card" aria-labelledby="inbound-title">
      <div className="card-head">
        <h2 id="inbound-title">
          Calls in <span className="count">{routes.length}</span>
        </h2>
        {!open && (
          <button type="button" onClick={() => setOpen({ kind: 'add' })}>
            Add route
          </button>
        )}
      </div>
      <p className="hint card-intro">A number with a route for its trunk wins over one for any trunk; * catches every number without its own route.</p>
      {routes.length === 0 ? (
        <div className="empty">
          <p>No inbound routes: calls from trunks are refused. Add * to send them all to one extension.</p>
        </div>
      ) : (
        <Table labelledBy="inbound-title" columns={['Number called', 'Coming in on', 'Goes to']} actions>
          {routes.map((route) => (
            <tr key={keyOf(route)} data-testid={`inbound-${route.did}`}>
              <th scope="row">{describeDid(route.did)}</th>
              <td>{route.trunk ? `Trunk ${route.trunk}` : 'Any trunk'}</td>
              <td>{describeDestination(route.destination, extensions)}</td>
              <td className="row-actions">
                <button type="button" aria-label={`Edit calls to ${describeDid(route.did)}`} onClick={() => setOpen({ kind: 'edit', key: keyOf(route) })}>
                  Edit
                </button>{' '}
                <ConfirmRemove what={describeDid(route.did)} label={`the route for ${describeDid(route.did)}`} onRemove={() => remove(route)} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      {open?.kind === 'add' && <InboundRouteForm trunkNames={trunkNames} extensions={extensions} onSaved={saved} onCancel={close} />}
      {editing && <InboundRouteForm key={keyOf(editing)} route={editing} trunkNames={trunkNames} extensions={extensions} onSaved={saved} onCancel={close} />}
    </section>
  );
}
