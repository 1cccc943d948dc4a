import { useState } from 'react';
import type { ExtensionSummary } from '../../../../shared/extensions';
import { useEngine } from '../../state/engine-store';
import { ConfirmRemove } from '../../ui/ConfirmRemove';
import { StatusDot } from '../../ui/StatusDot';
import { describeDevice, registrationSummary } from './registration-summary';

/** One extension: its status (devices on hover or expanded), and removal with a confirmation step. */
export function ExtensionRow({ extension, onRemoved }: { extension: ExtensionSummary; onRemoved: () => void }) {
  const client = useEngine((s) => s.client);
  const [expanded, setExpanded] = useState(false);
  const { number, registrations } = extension;
  const registered = registrations.length > 0;
  const devicesId = `devices-${number}`;

  async function remove() {
    if (!client) return;
    await client.call('extensions.remove', { number });
    onRemoved();
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
          <ConfirmRemove what={number} label={`extension ${number}`} onRemove={remove} />
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
