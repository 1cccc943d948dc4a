import { useState } from 'react';
import type { ProviderTemplate, TrunkStatus, TrunkView } from '../../../../shared/trunks';
import { useEngine } from '../../state/engine-store';
import { ConfirmRemove } from '../../ui/ConfirmRemove';
import { errorDetails } from '../../ui/error-details';
import { StatusDot } from '../../ui/StatusDot';
import { useEngineAction } from '../../ui/use-engine-action';
import { TrunkForm } from './TrunkForm';
import { describeTrunkStatus, type StatusTone } from './trunk-status-words';
import { TrunkTestResult, type TestState } from './TrunkTestResult';

const DOTS: Record<StatusTone, 'available' | 'busy' | 'ringing' | 'offline'> = { ok: 'available', failing: 'busy', pending: 'ringing', off: 'offline' };

/** One trunk: who it is, its live status and latency; Test, Edit, turn on/off and Remove. */
export function TrunkItem({
  trunk,
  status,
  template,
  now,
  onChanged,
  onRemoved,
}: {
  trunk: TrunkView;
  status: TrunkStatus | undefined;
  template: ProviderTemplate | undefined;
  now: number;
  onChanged: () => void;
  onRemoved: () => void;
}) {
  const client = useEngine((s) => s.client);
  const [editing, setEditing] = useState(false);
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const toggle = useEngineAction(onChanged);
  const words = describeTrunkStatus(status, now);
  const label = `trunk ${trunk.name}`;

  async function runTest() {
    if (!client) return;
    setTest({ kind: 'running' });
    try {
      setTest({ kind: 'done', result: await client.call('trunks.test', { name: trunk.name }) });
    } catch (error) {
      setTest({ kind: 'failed', message: errorDetails(error).message });
    }
  }

  const setEnabled = (enabled: boolean) => toggle.run((client) => client.call('trunks.update', { name: trunk.name, enabled }));

  async function removeTrunk() {
    if (!client) return;
    await client.call('trunks.remove', { name: trunk.name });
    onRemoved();
  }

  return (
    <li className="trunk-item" data-testid={`trunk-${trunk.name}`}>
      <div className="trunk-summary">
        <div className="trunk-who">
          <span className="trunk-name">{trunk.displayName || trunk.name}</span>
          <span className="muted">
            <code>{trunk.name}</code> · {template?.displayName ?? trunk.template} · {trunk.server}:{trunk.port} {trunk.transport.toUpperCase()}
          </span>
        </div>
        <div className="trunk-status" title={status?.lastResponse ? `Last answer: ${status.lastResponse}` : undefined}>
          <StatusDot state={DOTS[words.tone]} />
          <span data-testid="trunk-status" className={`trunk-status-${words.tone}`}>
            {words.text}
          </span>
        </div>
        <div className="trunk-latency" title="Round trip of the last OPTIONS to the provider">
          <span data-testid="trunk-latency">{status?.latencyMs == null ? '—' : `${status.latencyMs} ms`}</span>
          <span className="trunk-latency-label">round trip</span>
        </div>
        <div className="trunk-actions">
          {toggle.error && (
            <span className="error" role="alert">
              {toggle.error}
            </span>
          )}
          <button type="button" onClick={() => void runTest()} disabled={test.kind === 'running'} aria-label={`Test ${label}`}>
            {test.kind === 'running' ? 'Testing…' : 'Test'}
          </button>
          <button type="button" onClick={() => setEditing(true)} disabled={editing || !template} aria-label={`Edit ${label}`}>
            Edit
          </button>
          <button type="button" onClick={() => void setEnabled(!trunk.enabled)} disabled={toggle.busy} aria-label={`${trunk.enabled ? 'Turn off' : 'Turn on'} ${label}`}>
            {trunk.enabled ? 'Turn off' : 'Turn on'}
          </button>
          <ConfirmRemove what={trunk.name} label={label} onRemove={() => removeTrunk()} />
        </div>
      </div>
      <TrunkTestResult name={trunk.name} state={test} onClose={() => setTest({ kind: 'idle' })} />
      {editing && template && (
        <div className="trunk-edit">
          <TrunkForm
            template={template}
            trunk={trunk}
            onSaved={() => {
              setEditing(false);
              onChanged();
            }}
            onCancel={() => setEditing(false)}
          />
        </div>
      )}
    </li>
  );
}
