import type { OutboundRoute } from '../../../../shared/routing';
import { useEngine } from '../../state/engine-store';
import { ConfirmRemove } from '../../ui/ConfirmRemove';
import { Icon } from '../../ui/Icon';
import { useEngineAction } from '../../ui/use-engine-action';

/** One outbound route in its place in the order: what it matches, what it does, and the buttons that change it. */
export function OutboundRouteItem({
  route,
  position,
  count,
  onEdit,
  onChanged,
}: {
  route: OutboundRoute;
  /** 0 = tried first. */
  position: number;
  count: number;
  onEdit: () => void;
  onChanged: () => void;
}) {
  const client = useEngine((s) => s.client);
  const moving = useEngineAction(onChanged);
  const move = (to: number) => moving.run((client) => client.call('routes.saveOutbound', { route, position: to }));

  async function remove() {
    if (!client) return;
    await client.call('routes.removeOutbound', { name: route.name });
    onChanged();
  }

  return (
    <li className={`route-item${route.enabled ? '' : ' route-off'}`} data-testid={`outbound-${route.name}`}>
      <span className="route-position" aria-hidden="true">
        {position + 1}
      </span>
      <div className="route-what">
        <div className="route-name">
          {route.name} {!route.enabled && <span className="badge">off</span>}
        </div>
        <div className="route-facts">
          <span>
            Matches{' '}
            {route.patterns.map((p) => (
              <code key={p} className="pattern">
                {p}
              </code>
            ))}
          </span>
          {route.prepend && (
            <span>
              prepends <code>{route.prepend}</code>
            </span>
          )}
          <span>via {route.trunks.join(' → ')}</span>
          <span>{route.callerId ? `shows ${route.callerId}` : "shows the trunk's caller ID"}</span>
        </div>
      </div>
      <div className="row-actions route-actions">
        {moving.error && (
          <span className="error" role="alert">
            {moving.error}
          </span>
        )}
        <button type="button" className="icon-button" aria-label={`Move ${route.name} up`} disabled={moving.busy || position === 0} onClick={() => void move(position - 1)}>
          <Icon name="up" size={16} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Move ${route.name} down`}
          disabled={moving.busy || position === count - 1}
          onClick={() => void move(position + 1)}
        >
          <Icon name="down" size={16} />
        </button>
        <button type="button" aria-label={`Edit route ${route.name}`} onClick={onEdit}>
          Edit
        </button>
        <ConfirmRemove what={route.name} label={`route ${route.name}`} onRemove={remove} />
      </div>
    </li>
  );
}
