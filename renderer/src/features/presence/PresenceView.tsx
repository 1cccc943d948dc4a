import { useEngine } from '../../state/engine-store';
import { useLiveExtensionDirectory } from '../../ui/extension-directory';
import { LoadState } from '../../ui/LoadState';
import { StatusDot } from '../../ui/StatusDot';
import { ViewHeader } from '../../ui/ViewHeader';

/**
 * Who can take a call: an extension with a registered device is available.
 * Call states (on a call, ringing) join when the engine reports calls.
 */
export function PresenceView() {
  const isAdmin = useEngine((s) => s.session.status === 'signed-in' && s.session.user.role === 'admin');
  return (
    <section className="view">
      <ViewHeader title="Presence" />
      {isAdmin ? (
        <PresenceBoard />
      ) : (
        <div className="empty">
          <p>Presence is shown to administrators for now.</p>
        </div>
      )}
    </section>
  );
}

function PresenceBoard() {
  const directory = useLiveExtensionDirectory();
  const available = directory.extensions.filter((e) => e.registrations.length > 0).length;
  return (
    <LoadState status={directory.status} error={directory.error} onRetry={directory.reload} what="presence">
      {directory.extensions.length === 0 ? (
        <div className="empty">
          <p>
            No extensions yet. Add them in <a href="#/admin">Admin</a>.
          </p>
        </div>
      ) : (
        <>
          <p className="hint" role="status" aria-live="polite">
            {available} of {directory.extensions.length} available
          </p>
          <ul className="presence-grid" aria-label="Extensions">
            {directory.extensions.map((extension) => {
              const state = extension.registrations.length > 0 ? 'available' : 'offline';
              return (
                <li key={extension.number} className={`presence-tile presence-${state}`} data-testid={`presence-${extension.number}`}>
                  <StatusDot state={state} />
                  <span className="presence-name">{extension.name || `Extension ${extension.number}`}</span>
                  <span className="presence-number">{extension.number}</span>
                  <span className="presence-state">{state === 'available' ? 'Available' : 'Offline'}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </LoadState>
  );
}
