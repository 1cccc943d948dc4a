// How a transfer is going, told to the transferor in the REFER's implicit
// subscription (RFC 3515 §2.4.4, RFC 5589).
import type { CallLeg } from './call-leg';

const SIPFRAG = 'message/sipfrag;version=2.0';

function sipfrag(status: number, reason: string): { type: string; content: Buffer } {
  return { type: SIPFRAG, content: Buffer.from(`SIP/2.0 ${status} ${reason}\r\n`) };
}

/** The implicit subscription of a REFER (RFC 3515 §2.4.4): progress as sipfrag NOTIFYs. */
export function notify(leg: CallLeg, status: number, reason: string, final: boolean): void {
  void leg.send(
    'NOTIFY',
    [
      { name: 'event', value: 'refer' },
      { name: 'subscription-state', value: final ? 'terminated;reason=noresource' : 'active;expires=60' },
    ],
    sipfrag(status, reason),
  );
}
