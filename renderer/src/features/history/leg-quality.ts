import type { CallRecord } from '../../../../shared/call-records';

type LegStats = CallRecord['callerLeg'];

/** Above this share of packets lost, people hear it (gaps, robotic voice): the details flag it. */
export const AUDIBLE_LOSS_PERCENT = 1;

/** Share of the packets a phone sent that never arrived, from the gaps in their sequence numbers; undefined when none were expected. */
export function lossPercent(leg: LegStats): number | undefined {
  const expected = leg.packetsReceived + leg.packetsLost;
  return expected === 0 ? undefined : (leg.packetsLost / expected) * 100;
}

export function formatPercent(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} %`;
}
