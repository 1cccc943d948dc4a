import type { MediaDescription } from 'sdp-transform';
import type { LegName } from '../media/relay/media-relay';
import type { AudioDescription, Codec } from '../media/sdp/audio-description';
import { LegOrigin } from '../media/sdp/leg-sdp';
import type { DtlsRole } from '../media/webrtc/dtls-association';
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

/** How a party takes media: plain RTP, or WebRTC (a browser: ICE, DTLS-SRTP) on its relay leg. */
export type MediaKind = 'rtp' | 'webrtc';

/** What our SDP toward a browser must keep from one offer/answer to the next (RFC 8829 §5.2.2, RFC 8842). */
export interface WebRtcParty {
  /** The audio m= line's mid, and whether the party bundles it. */
  mid: string | undefined;
  bundle: boolean;
  /** The party's ICE ufrag: a new one in its offer is an ICE restart. */
  remoteUfrag: string | undefined;
  /** The party's certificate fingerprint: the same one in a re-offer means the same DTLS association. */
  fingerprint: string | undefined;
  /** Our DTLS role once negotiated; until then our offers say actpass. */
  role: DtlsRole | undefined;
}

/** A browser we have not exchanged SDP with: we offer mid 0, bundled, actpass. */
export function newWebRtcParty(): WebRtcParty {
  return { mid: '0', bundle: true, remoteUfrag: undefined, fingerprint: undefined, role: undefined };
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
  /** Set when this side's party is a browser (its SDP was WebRTC). */
  webrtc: WebRtcParty | undefined;

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
