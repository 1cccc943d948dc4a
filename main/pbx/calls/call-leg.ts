import type { MediaDescription } from 'sdp-transform';
import type { LegName } from '../media/relay/media-relay';
import type { AudioDescription, Codec } from '../media/sdp/audio-description';
import { LegOrigin } from '../media/sdp/leg-sdp';
import type { Dialog } from '../sip/dialog/dialog';
import type { HeaderField, SipRequest, SipResponse } from '../sip/message/sip-message';
import type { TransactionLayer } from '../sip/transaction/transaction-layer';
import { sendInDialog } from './in-dialog-client';

export type Side = 'caller' | 'callee';
export const RELAY_LEG: Record<Side, LegName> = { caller: 'a', callee: 'b' };
export const SDP = 'application/sdp';

export function otherSide(side: Side): Side {
  return side === 'caller' ? 'callee' : 'caller';
}

/**
 * One side of an answered call: its dialog, and what was said about media on
 * it. Both sides look alike once answered, whoever called whom.
 */
export class CallLeg {
  /** The last description this side offered, its SDP body and m= lines (for mirrored answers). */
  offer: AudioDescription | undefined;
  offerSdp: Buffer | undefined;
  media: readonly MediaDescription[] = [];
  /** The last SDP we sent this side. */
  lastSdp: Buffer | undefined;
  /** The codecs this side last agreed to (its payload numbers), and its telephone-event. */
  codecs: readonly Codec[] = [];
  dtmf: Codec | undefined;

  constructor(
    public dialog: Dialog,
    private readonly transactions: TransactionLayer,
    /** Our o= line on this leg; a transfer passes the one its offer already used. */
    readonly origin: LegOrigin = new LegOrigin(),
  ) {}

  /** Sends a request in this leg's dialog and waits for the final response. */
  send(method: string, extra: HeaderField[] = [], body?: { type: string; content: Buffer }): Promise<SipResponse> {
    const request: SipRequest = this.dialog.request(method, extra);
    if (body) {
      request.addHeader('content-type', body.type);
      request.body = body.content;
    }
    return sendInDialog(this.transactions, this.dialog, request);
  }

  bye(cause: string): void {
    void this.send('BYE', [{ name: 'reason', value: `Q.850;cause=16;text="${cause.replace(/["\\]/g, '')}"` }]);
  }
}
