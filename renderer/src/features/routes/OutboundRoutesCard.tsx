import { useState } from 'react';
import type { OutboundRoute } from '../../../../shared/routing';
import { OutboundRouteForm } from './OutboundRouteForm';
import { OutboundRouteItem } from './OutboundRouteItem';

/** Outbound routes in the order they are tried: the first whose pattern matches takes the call. */
export function OutboundRoutesCard({ routes, trunkNames, onChanged }: { routes: readonly OutboundRoute[]; trunkNames: readonly string[]; onChanged: () => void }) {
  // Which form is open: a new route, or the route of that name.
  const [open, setOpen] = useState<{ kind: 'add' } | { kind: 'edit'; name: string } | undefined>();
  const close = () => setOpen(undefined);
  const saved = () => {
    close();
    onChanged();
  };

  return (
    <section className="card routes-card" aria-labelledby="outbound-title">
      <div className="card-head">
        <h2 id="outbound-title">
          Calls out <span className="count">{routes.length}</span>
        </h2>
        {open?.kind !== 'add' && (
          <button type="button" onClick={() => setOpen({ kind: 'add' })}>
            Add route
          </button>
        )}
      </div>
      <p className="hint card-intro">Tried from the top: the first route whose pattern matches the dialled number takes the call.</p>
      {routes.length === 0 && open?.kind !== 'add' ? (
        <div className="empty">
          <p>No outbound routes: calls to numbers outside the office have nowhere to go.</p>
        </div>
      ) : (
        <ol className="route-list">
          {routes.map((route, index) =>
            open?.kind === 'edit' && open.name === route.name ? (
              <li key={route.name} className="route-editing">
                <OutboundRouteForm route={route} trunkNames={trunkNames} onSaved={saved} onCancel={close} />
              </li>
            ) : (
              <OutboundRouteItem
                key={route.name}
                route={route}
                position={index}
                count={routes.length}
                onEdit={() => setOpen({ kind: 'edit', name: route.name })}
                onChanged={onChanged}
              />
            ),
          )}
        </ol>
      )}
      {open?.kind === 'add' && <OutboundRouteForm trunkNames={trunkNames} onSaved={saved} onCancel={close} />}
    </section>
  );
}
