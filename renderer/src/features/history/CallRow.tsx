import { useState } from 'react';
import type { CallRecord } from '../../../../shared/call-records';
import { formatDuration } from '../../ui/format-duration';
import { Icon } from '../../ui/Icon';
import { Party } from '../../ui/Party';
import { CallDetails } from './CallDetails';
import { callOutcome, redialNumber } from './call-words';
import { formatCallTime } from './format-call-time';

export interface CallRowProps {
  record: CallRecord;
  /** The signed-in person's extension, or undefined for an administrator. */
  me: string | undefined;
  nameOf: (number: string) => string | undefined;
}

/** One call in the list: who called whom, how it went, when; Call back, and the details on demand. */
export function CallRow({ record, me, nameOf }: CallRowProps) {
  const [expanded, setExpanded] = useState(false);
  const outcome = callOutcome(record, me);
  const redial = redialNumber(record, me);
  const detailsId = `call-details-${record.id}`;
  const started = new Date(record.startedAt);
  const nameFor = (number: string, recorded?: string) => (number === me ? 'You' : (nameOf(number) ?? (recorded || undefined)));

  return (
    <li className={`call-row call-${outcome.tone}`} data-testid="call-row">
      <div className="call-summary">
        <span className="call-parties">
          <Party number={record.caller} name={nameFor(record.caller, record.callerName)} />
          <span className="call-arrow" aria-hidden="true">
            →
          </span>
          <span className="sr-only"> to </span>
          <Party number={record.callee} name={nameFor(record.callee)} />
        </span>
        <span className="call-outcome">
          <span className="call-badge" data-testid="call-outcome">
            {outcome.words}
          </span>
          {record.disposition === 'answered' && (
            <span className="call-duration" data-testid="call-duration">
              <span className="sr-only">, lasted </span>
              {formatDuration(record.durationMs)}
            </span>
          )}
        </span>
        <time className="call-time" dateTime={started.toISOString()} title={started.toLocaleString()}>
          {formatCallTime(record.startedAt)}
        </time>
        <span className="call-actions">
          <a className="button-link" href={`#/phone?dial=${encodeURIComponent(redial)}`} aria-label={`Call ${redial}`}>
            <Icon name="phone" size={16} />
            Call
          </a>
          <button type="button" aria-expanded={expanded} aria-controls={expanded ? detailsId : undefined} onClick={() => setExpanded((e) => !e)}>
            {expanded ? 'Hide details' : 'Details'}
          </button>
        </span>
      </div>
      {expanded && <CallDetails record={record} id={detailsId} />}
    </li>
  );
}
