import type { CallInfo } from '../../phone/phone-types';
import { formatDuration } from '../../ui/format-duration';
import { useNow } from '../../ui/use-now';

/** Talk time since the answer, ticking while the call lasts; the final length once it ended. */
export function CallTimer({ call }: { call: CallInfo }) {
  const running = call.answeredAt !== undefined && call.state !== 'ended';
  const now = useNow(running);
  if (call.answeredAt === undefined) return null;
  const end = call.endedAt ?? Math.max(now, call.answeredAt);
  return (
    <span className="timer call-timer" data-testid="call-timer" aria-label={`Talk time ${formatDuration(end - call.answeredAt)}`}>
      {formatDuration(end - call.answeredAt)}
    </span>
  );
}
