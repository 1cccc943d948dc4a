import type { CallRecord } from '../../../../shared/call-records';
import { formatDuration } from '../../ui/format-duration';
import { endedBy } from './call-words';
import { AUDIBLE_LOSS_PERCENT, formatPercent, lossPercent } from './leg-quality';

function LegRow({ label, leg }: { label: string; leg: CallRecord['callerLeg'] }) {
  const loss = lossPercent(leg);
  const audible = loss !== undefined && loss > AUDIBLE_LOSS_PERCENT;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{leg.packetsSent}</td>
      <td>{leg.packetsReceived}</td>
      <td>{leg.packetsLost}</td>
      <td className={audible ? 'loss-audible' : undefined}>
        {loss === undefined ? <span className="muted">—</span> : formatPercent(loss)}
        {audible && <span className="sr-only"> (audible)</span>}
      </td>
    </tr>
  );
}

/** What a person checks when a call went wrong: why it ended, the codec, and how the media flowed on each leg. */
export function CallDetails({ record, id }: { record: CallRecord; id: string }) {
  const rang = (record.answeredAt ?? record.endedAt) - record.startedAt;
  return (
    <div className="call-details" id={id} data-testid="call-details">
      <dl className="facts">
        <dt>Why it ended</dt>
        <dd>
          {record.hangupCause} · {endedBy(record)}
        </dd>
        <dt>Started</dt>
        <dd>{new Date(record.startedAt).toLocaleString()}</dd>
        <dt>{record.answeredAt === null ? 'Rang for' : 'Answered after'}</dt>
        <dd>{formatDuration(rang)}</dd>
        <dt>Codec</dt>
        <dd>{record.codec ?? <span className="muted">None: no media was set up</span>}</dd>
        <dt>Call-ID</dt>
        <dd>
          <code>{record.callId}</code>
        </dd>
      </dl>
      <table className="table legs">
        <caption>Media packets (RTP) through the engine</caption>
        <thead>
          <tr>
            <th scope="col">Leg</th>
            <th scope="col">Sent to the phone</th>
            <th scope="col">Received from it</th>
            <th scope="col">Lost</th>
            <th scope="col">Loss</th>
          </tr>
        </thead>
        <tbody>
          <LegRow label={`Caller (${record.caller})`} leg={record.callerLeg} />
          <LegRow label={`Callee (${record.callee})`} leg={record.calleeLeg} />
        </tbody>
      </table>
    </div>
  );
}
