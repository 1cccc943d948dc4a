import type { ActiveCall } from '../../../../shared/call-records';
import type { ExtensionSummary } from '../../../../shared/extensions';
import { useLiveActiveCalls } from '../../ui/active-calls';
import { formatDuration } from '../../ui/format-duration';
import { LoadState } from '../../ui/LoadState';
import { Party } from '../../ui/Party';
import { Table } from '../../ui/Table';
import { useNow } from '../../ui/use-now';

const STATES: Record<ActiveCall['state'], string> = { ringing: 'Ringing', early: 'Ringing (early media)', answered: 'Connected', ending: 'Hanging up' };

/** The calls going through the engine right now, live; answered ones with a running timer. */
export function ActiveCallsCard({ extensions }: { extensions: readonly ExtensionSummary[] }) {
  const active = useLiveActiveCalls();
  const { calls } = active;
  const now = useNow(calls.some((c) => c.answeredAt !== null));
  const nameOf = (number: string) => extensions.find((e) => e.number === number)?.name || undefined;

  return (
    <div className="card active-calls-card" data-testid="active-calls">
      <h2 id="active-calls-title">
        Active calls {active.status === 'ready' && <span className="count">{calls.length}</span>}
      </h2>
      <LoadState status={active.status} error={active.error} onRetry={active.reload} what="active calls">
        {calls.length === 0 ? (
          <p className="hint">No calls in progress.</p>
        ) : (
          <Table labelledBy="active-calls-title" columns={['Call', 'State', 'Talk time', 'Codec']}>
            {calls.map((call) => (
              <tr key={call.id} data-testid="active-call">
                <td>
                  <Party number={call.caller} name={nameOf(call.caller)} />
                  <span className="call-arrow" aria-hidden="true">
                    {' '}→{' '}
                  </span>
                  <span className="sr-only"> to </span>
                  <Party number={call.callee} name={nameOf(call.callee)} />
                </td>
                <td>
                  <span className={`call-state call-state-${call.state}`}>{STATES[call.state]}</span>
                </td>
                <td className="timer" data-testid="active-call-timer">
                  {call.answeredAt === null ? <span className="muted">—</span> : formatDuration(now - call.answeredAt)}
                </td>
                <td>{call.codec ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </Table>
        )}
      </LoadState>
    </div>
  );
}
