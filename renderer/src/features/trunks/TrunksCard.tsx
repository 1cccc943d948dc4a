import { useRef } from 'react';
import type { ProviderTemplate } from '../../../../shared/trunks';
import type { LiveTrunkDirectory } from '../../ui/trunk-directory';
import { LoadState } from '../../ui/LoadState';
import { useNow } from '../../ui/use-now';
import { TrunkItem } from './TrunkItem';
import { statusCountsDown } from './trunk-status-words';

/** The trunks and their live status; a countdown ("next attempt in 25 s") ticks while one shows. */
export function TrunksCard({ directory, templates }: { directory: LiveTrunkDirectory; templates: readonly ProviderTemplate[] }) {
  const { trunks, statuses } = directory;
  const now = useNow(trunks.some((t) => statusCountsDown(statuses[t.name])));
  const heading = useRef<HTMLHeadingElement>(null);

  return (
    <div className="card trunks-card">
      <h2 id="trunks-title" ref={heading} tabIndex={-1}>
        Trunks {directory.status === 'ready' && <span className="count">{trunks.length}</span>}
      </h2>
      <LoadState status={directory.status} error={directory.error} onRetry={directory.reload} what="trunks">
        {trunks.length === 0 ? (
          <div className="empty">
            <p>No trunks yet. Add one to call phone numbers outside the office.</p>
          </div>
        ) : (
          <ul className="trunk-list" aria-labelledby="trunks-title">
            {trunks.map((trunk) => (
              <TrunkItem
                key={trunk.name}
                trunk={trunk}
                status={statuses[trunk.name]}
                template={templates.find((t) => t.id === trunk.template)}
                now={now}
                onChanged={directory.reload}
                onRemoved={() => {
                  directory.reload();
                  // The item that had the focus is gone: put it somewhere that makes sense.
                  heading.current?.focus();
                }}
              />
            ))}
          </ul>
        )}
      </LoadState>
    </div>
  );
}
