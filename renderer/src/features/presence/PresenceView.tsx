import type { ActiveCall } from '../../../../shared/call-records';
import { useEngine } from '../../state/engine-store';
import { useLiveActiveCalls } from '../../ui/active-calls';
import { useLiveExtensionDirectory } from '../../ui/extension-directory';
import { LoadState } from '../../ui/LoadState';
import { PRESENCE_WORDS, type Presence } from '../../ui/presence-words';
import { StatusDot } from '../../ui/StatusDot';
import { ViewHeader } from '../../ui/ViewHeader';

/**
 * Who can take a call: an extension with a registered device is available,
 * one in a call is on a call (the caller as soon as it dials), and a callee
 * whose phone rings is ringing.
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

function callPresence(calls: readonly ActiveCall[]): Map<string, Presence> {
  const presence = new Map<string, Presence>();
  for (const call of calls) {
    const ringing = call.state === 'ringing' || call.state === 'early';
    presence.set(call.caller, 'busy');
    // A call of its own outranks a phone that rings with another.
    if (presence.get(call.callee) !== 'busy') presence.set(call.callee, ringing ? 'ringing' : 'busy');
  }
  return presence;
}

function PresenceBoard() {
  const directory = useLiveExtensionDirectory();
  const active = useLiveActiveCalls();
  const inCalls = callPresence(active.calls);
  const presenceOf = (number: string, registered: boolean): Presence => inCalls.get(number) ?? (registered ? 'available' : 'offline');
  const available = directory.extensions.filter((e) => presenceOf(e.number, e.registrations.length > 0) === 'available').length;
  const onCalls = directory.extensions.filter((e) => inCalls.get(e.number) === 'busy').length;
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
            {available} of {directory.extensions.length} available{onCalls > 0 && `, ${onCalls} on a call`}
          </p>
          <ul className="presence-grid" aria-label="Extensions">
            {directory.extensions.map((extension) => {
              const state = presenceOf(extension.number, extension.registrations.length > 0);
              return (
                <li key={extension.number} className={`presence-tile presence-${state}`} data-testid={`presence-${extension.number}`}>
                  <StatusDot state={state} />
                  <span className="presence-name">{extension.name || `Extension ${extension.number}`}</span>
                  <span className="presence-number">{extension.number}</span>
                  <span className="presence-state">{PRESENCE_WORDS[state]}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </LoadState>
  );
}
