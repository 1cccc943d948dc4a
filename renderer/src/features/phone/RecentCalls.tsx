import { callOutcome, redialNumber } from '../history/call-words';
import { formatCallTime } from '../history/format-call-time';
import { useCallHistory } from '../history/use-call-history';
import { formatDuration } from '../../ui/format-duration';
import { Icon } from '../../ui/Icon';
import { LoadState } from '../../ui/LoadState';
import { nameForNumber, type Person } from './people-search';

const SHOWN = 8;

/** The latest calls of this extension (its call records, live), each with Call back. */
export function RecentCalls({ me, people, onCall }: { me: string; people: readonly Person[]; onCall: (number: string) => void }) {
  const history = useCallHistory(me);
  return (
    <section className="card recent-calls" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent calls</h2>
      <LoadState status={history.status} error={history.error} onRetry={history.reload} what="recent calls">
        {history.records.length === 0 ? (
          <p className="hint">No calls yet. Calls you make and take appear here.</p>
        ) : (
          <ul className="recent-list" aria-label="Recent calls">
            {history.records.slice(0, SHOWN).map((record) => {
              const outgoing = record.caller === me;
              const other = redialNumber(record, me);
              const name = nameForNumber(other, people) ?? (outgoing ? '' : record.callerName);
              const outcome = callOutcome(record, me);
              return (
                <li key={record.id} className={`recent-row call-${outcome.tone}`} data-testid="recent-call">
                  <span className="recent-direction" aria-label={outgoing ? 'Outgoing' : 'Incoming'}>
                    <Icon name={outgoing ? 'outgoing' : 'incoming'} size={16} />
                  </span>
                  <span className="recent-who">
                    <span className="party-name">{name || other}</span>
                    {name && <span className="party-number">{other}</span>}
                  </span>
                  <span className="recent-outcome">
                    {record.disposition === 'answered' ? formatDuration(record.durationMs) : outcome.words}
                  </span>
                  <time className="call-time" dateTime={new Date(record.startedAt).toISOString()}>
                    {formatCallTime(record.startedAt)}
                  </time>
                  <button type="button" className="icon-button" onClick={() => onCall(other)} aria-label={`Call ${name || other} back`}>
                    <Icon name="phone" size={16} />
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </LoadState>
    </section>
  );
}
