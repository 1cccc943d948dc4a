import { useEffect, useRef, useState } from 'react';
import type { ExtensionSummary } from '../../../../shared/extensions';
import { useEngine } from '../../state/engine-store';
import { errorDetails } from '../../ui/error-details';
import { StatusDot } from '../../ui/StatusDot';
import { describeDevice, registrationSummary } from './registration-summary';

type RemoveState = { kind: 'idle' } | { kind: 'confirming' } | { kind: 'removing' } | { kind: 'failed'; message: string };

/** One extension: its status (devices on hover or expanded), and removal with a confirmation step. */
export function ExtensionRow({ extension, onRemoved }: { extension: ExtensionSummary; onRemoved: () => void }) {
  const client = useEngine((s) => s.client);
  const [expanded, setExpanded] = useState(false);
  const [remove, setRemove] = useState<RemoveState>({ kind: 'idle' });
  const cancelButton = useRef<HTMLButtonElement>(null);
  const { number, registrations } = extension;
  const registered = registrations.length > 0;
  const devicesId = `devices-${number}`;

  // The safe choice takes the focus, so a second Enter does not remove.
  useEffect(() => {
    if (remove.kind === 'confirming') cancelButton.current?.focus();
  }, [remove.kind]);

  async function confirmRemove() {
    if (!client) return;
    setRemove({ kind: 'removing' });
    try {
      await client.call('extensions.remove', { number });
      onRemoved();
    } catch (error) {
      setRemove({ kind: 'failed', message: errorDetails(error).message });
    }
  }

  return (
    <>
      <tr data-testid={`extension-${number}`}>
        <th scope="row">{number}</th>
        <td>{extension.name || <span className="muted">—</span>}</td>
        <td>
          <span className="registration" title={registrations.map(describeDevice).join('\n') || undefined}>
            <StatusDot state={registered ? 'available' : 'offline'} />
            <span data-testid="registration-status">{registrationSummary(registrations)}</span>
            {registered && (
              <button
                type="button"
                className="link-button"
                aria-expanded={expanded}
                aria-controls={expanded ? devicesId : undefined}
                onClick={() => setExpanded((e) => !e)}
              >
                {expanded ? 'Hide devices' : 'Show devices'}
              </button>
            )}
          </span>
        </td>
        <td className="row-actions">
          {remove.kind === 'confirming' || remove.kind === 'removing' ? (
            <span
              className="confirm"
              role="group"
              aria-label={`Confirm removal of extension ${number}`}
              onKeyDown={(e) => e.key === 'Escape' && setRemove({ kind: 'idle' })}
            >
              <span>Remove {number}?</span>
              <button type="button" className="danger" disabled={remove.kind === 'removing'} onClick={() => void confirmRemove()}>
                {remove.kind === 'removing' ? 'Removing…' : 'Yes, remove'}
              </button>
              <button type="button" ref={cancelButton} disabled={remove.kind === 'removing'} onClick={() => setRemove({ kind: 'idle' })}>
                Cancel
              </button>
            </span>
          ) : (
            <>
              {remove.kind === 'failed' && (
                <span className="error" role="alert">
                  {remove.message}
                </span>
              )}
              <button type="button" className="danger" aria-label={`Remove extension ${number}`} onClick={() => setRemove({ kind: 'confirming' })}>
                Remove
              </button>
            </>
          )}
        </td>
      </tr>
      {expanded && registered && (
        <tr className="devices-row" id={devicesId}>
          <td colSpan={4}>
            <ul className="devices">
              {registrations.map((r) => (
                <li key={r.contact}>
                  <span className="device-agent">{r.userAgent || 'Unknown device'}</span>
                  <span>
                    from <code>{r.source}</code> over {r.protocol}
                  </span>
                  <span className="muted">until {new Date(r.expiresAt).toLocaleTimeString()}</span>
                  <code className="device-contact">{r.contact}</code>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </>
  );
}
