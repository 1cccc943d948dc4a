import type { CallRecord, Disposition } from '../../../../shared/call-records';

/** How a call is shown: its outcome in words, and a tone that sets its colour. */
export interface CallOutcome {
  words: string;
  tone: 'answered' | 'missed' | 'busy' | 'declined' | 'cancelled' | 'failed';
}

const OUTCOMES: Record<Disposition, CallOutcome> = {
  answered: { words: 'Answered', tone: 'answered' },
  busy: { words: 'Busy', tone: 'busy' },
  'no-answer': { words: 'No answer', tone: 'missed' },
  cancelled: { words: 'Cancelled', tone: 'cancelled' },
  declined: { words: 'Declined', tone: 'declined' },
  unavailable: { words: 'Unavailable', tone: 'failed' },
  'not-found': { words: 'Number not found', tone: 'failed' },
  failed: { words: 'Failed', tone: 'failed' },
};

const FILTER_ORDER: Disposition[] = ['answered', 'no-answer', 'busy', 'declined', 'cancelled', 'unavailable', 'not-found', 'failed'];

/** The outcome filter's choices, in the order a person looks for them. */
export const DISPOSITION_CHOICES = FILTER_ORDER.map((value) => ({ value, label: OUTCOMES[value].words }));

/**
 * The outcome as `me` sees it: a call to me that rang out or that the caller
 * gave up on is one I missed. An administrator is neither party, so sees the
 * outcome as the engine recorded it.
 */
export function callOutcome(record: CallRecord, me: string | undefined): CallOutcome {
  const missedByMe = me === record.callee && (record.disposition === 'no-answer' || record.disposition === 'cancelled');
  return missedByMe ? { words: 'Missed', tone: 'missed' } : OUTCOMES[record.disposition];
}

/** Who to call back: the other party when I took part, else the number that was dialled. */
export function redialNumber(record: CallRecord, me: string | undefined): string {
  return me === record.callee ? record.caller : record.callee;
}

const SIDES: Record<CallRecord['hangupSide'], string> = { caller: 'the caller', callee: 'the callee', system: 'the engine' };

/** "Ended by the caller", "Ended by the engine". */
export function endedBy(record: CallRecord): string {
  return `Ended by ${SIDES[record.hangupSide]}`;
}
