import type { CallInfo } from '../../phone/phone-types';
import { usePhone } from '../../state/phone-store';
import { selectHomeCountry, useSettings } from '../../state/settings-store';
import { CallTimer } from './CallTimer';
import { callStateWords } from './call-words';
import { partyLabel } from './party-label';
import type { Person } from './people-search';

/**
 * Every call when there is more than one: which is shown, which waits on
 * hold. Switch takes a held call back (the one talking goes on hold).
 */
export function CallList({ calls, shownId, people }: { calls: readonly CallInfo[]; shownId: string | undefined; people: readonly Person[] }) {
  const { resume, select, hangup } = usePhone.getState();
  const homeCountry = useSettings(selectHomeCountry);
  return (
    <section className="card call-list-card" aria-labelledby="calls-title">
      <h2 id="calls-title">Calls</h2>
      <ul className="phone-calls" aria-label="Calls in progress">
        {calls.map((call) => {
          const party = partyLabel(call.remote, people, homeCountry);
          const shown = call.id === shownId;
          return (
            <li key={call.id} className={`phone-call phone-call-${call.state}`} aria-current={shown ? 'true' : undefined} data-testid="phone-call">
              <button type="button" className="phone-call-who" onClick={() => select(call.id)} aria-label={`Show the call with ${party.who}`}>
                <span className="party-name">{party.who}</span>
                {party.name && <span className="party-number">{party.number}</span>}
              </button>
              <span className="phone-call-state">{callStateWords(call)}</span>
              <CallTimer call={call} />
              <span className="phone-call-actions">
                {call.state === 'held' && (
                  <button type="button" onClick={() => void resume(call.id)} disabled={call.holdPending}>
                    {calls.some((c) => c.state === 'active') ? 'Swap' : 'Resume'}
                  </button>
                )}
                {call.state !== 'ended' && call.state !== 'incoming' && (
                  <button type="button" className="danger" onClick={() => hangup(call.id)} aria-label={`Hang up ${party.who}`}>
                    Hang up
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
