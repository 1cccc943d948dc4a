import { randomUUID } from 'node:crypto';
import type { ActiveCall, CallRecord, Disposition } from '../../../shared/call-records';
import type { Settings } from '../../../shared/settings';
import type { LegStats, RelaySession } from '../media/relay/media-relay';
import type { WebRtcState } from '../media/webrtc/webrtc-parameters';
import { describeAudio } from '../media/sdp/audio-description';
import { negotiate, offerableCodecs, type NegotiatedAudio } from '../media/sdp/codec-negotiation';
import { LegOrigin } from '../media/sdp/leg-sdp';
import { Dialog } from '../sip/dialog/dialog';
import type { HeaderField, SipResponse } from '../sip/message/sip-message';
import type { Uri } from '../sip/message/uri';
import type { ServerInviteTransaction } from '../sip/transaction/server-invite-transaction';
import type { SendTarget, ServerTransaction } from '../sip/transaction/transaction-layer';
import type { InboundRequest } from '../sip/transport/flow';
import { createResponse, newTag } from '../sip/ua/response-builder';
import { CallLeg, RELAY_LEG, SDP, newWebRtcParty, otherSide, type Side } from './call-leg';
import { answerSdp, applyNegotiation, offerSdp, pointRelayAt } from './call-media';
import { renegotiate, type Reply } from './call-renegotiation';
import { blindTransfer, type ResolvedTarget, type TransferContext } from './call-transfer';
import type { CallDeps } from './call-types';
import { parseDtmfInfo } from './dtmf-info';
import { dispositionOf } from './final-response';
import type { DialPlan, Dialer } from './dialer';
import type { Fork } from './outbound-forks';
import { MIN_SESSION_EXPIRES, readSessionExpires, supportsTimer } from './session-timer';

const ALLOW = 'INVITE, ACK, CANCEL, BYE, UPDATE, INFO, OPTIONS, REFER, NOTIFY';

/** Where to send requests to the peer that sent this: back along its flow (its connection, or its NAT binding). */
function targetOf(flow: InboundRequest['flow']): SendTarget {
  return { protocol: flow.protocol, address: flow.remoteAddress, port: flow.remotePort, connectionId: flow.connectionId };
}

export interface CallParties {
  caller: string;
  callerName: string;
  callee: string;
  /** How to reach the callee: its devices, or trunks. */
  dial: DialPlan;
  ringTimeoutSeconds: number;
  /** The caller is a trunk (a provider's call in), not a phone. */
  callerIsTrunk: boolean;
}

/** What a call needs from whoever keeps the calls (the controller). */
export interface CallHost {
  onDialog(dialog: Dialog, call: B2buaCall, side: Side): void;
  /** A dialog that no longer carries the call (its party was transferred away). */
  onDialogRetired(dialog: Dialog): void;
  onChange(call: B2buaCall): void;
  onEnded(call: B2buaCall, record: Omit<CallRecord, 'id'>): void;
  resolve(uri: Uri, by: string): ResolvedTarget;
  findDialog(callId: string, localTag: string, remoteTag: string): { call: B2buaCall; side: Side } | undefined;
}

/**
 * One call through the B2BUA: the caller's INVITE (our UAS dialog) and one
 * INVITE per registered contact of the callee (forks, our UAC dialogs), with
 * media anchored in a relay session. The first 2xx wins. After the answer the
 * two sides look alike: whatever one does in its dialog (BYE, re-INVITE,
 * UPDATE, INFO, REFER) is translated to the other.
 */
export class B2buaCall implements TransferContext {
  readonly id = randomUUID();
  state: ActiveCall['state'] = 'ringing';
  readonly startedAt = Date.now();
  answeredAt: number | undefined;
  busy = false;
  private readonly legs: Partial<Record<Side, CallLeg>> = {};
  private forks: Dialer | undefined;
  private relaySession: RelaySession | undefined;
  private negotiated: NegotiatedAudio | undefined;
  private readonly calleeOrigin = new LegOrigin();
  private ringTimer: NodeJS.Timeout | undefined;
  private retransmitTimer: NodeJS.Timeout | undefined;
  private sessionTimer: NodeJS.Timeout | undefined;
  private sessionInterval: number | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private isEnded = false;
  private transferredTo: string | undefined;
  private readonly callerTag = newTag();
  private readonly callerDialog: Dialog;

  constructor(
    readonly deps: CallDeps,
    private readonly host: CallHost,
    /** The caller's INVITE, which started the call. */
    readonly inviteTx: ServerInviteTransaction,
    private readonly inbound: InboundRequest,
    readonly parties: CallParties,
  ) {
    const target = targetOf(inbound.flow);
    this.callerDialog = Dialog.asUas(inbound.message, this.callerTag, deps.contactFor(target), target);
    this.callerDialog.peerIsServer = parties.callerIsTrunk;
    this.callerDialog.reachVia(target);
    this.legs.caller = new CallLeg(this.callerDialog, deps.transactions);
  }

  // TransferContext / RenegotiationContext
  get session(): RelaySession {
    return this.relaySession as RelaySession;
  }
  leg(side: Side): CallLeg {
    return this.legs[side] as CallLeg;
  }
  settings(): Settings {
    return this.deps.settings();
  }
  mediaAddress(): string {
    return this.deps.mediaAddress();
  }
  ended(): boolean {
    return this.isEnded;
  }
  resolve(uri: Uri, by: string): ResolvedTarget {
    return this.host.resolve(uri, by);
  }
  partyOn(side: Side): string {
    return side === 'caller' ? this.parties.caller : this.parties.callee;
  }
  findDialog(callId: string, localTag: string, remoteTag: string): { call: B2buaCall; side: Side } | undefined {
    return this.host.findDialog(callId, localTag, remoteTag);
  }
  answered(): boolean {
    return this.state === 'answered' && !this.isEnded;
  }

  get callId(): string {
    return this.inbound.message.callId;
  }

  summary(): ActiveCall {
    return {
      id: this.id,
      caller: this.parties.caller,
      callee: this.parties.callee,
      state: this.state,
      startedAt: this.startedAt,
      answeredAt: this.answeredAt ?? null,
      codec: this.negotiated?.codec.name ?? null,
    };
  }

  private respondCaller(status: number, reason: string, sdp?: Buffer, extra: HeaderField[] = []): SipResponse {
    const response = createResponse(this.inbound.message, status, reason, this.callerTag);
    if (status < 300) {
      response.addHeader('contact', this.callerDialog.state.localContact);
      response.addHeader('allow', ALLOW);
    }
    for (const h of extra) response.addHeader(h.name, h.value);
    if (sdp) {
      response.addHeader('content-type', SDP);
      response.body = sdp;
    }
    this.inviteTx.respond(response);
    return response;
  }

  async start(): Promise<void> {
    const invite = this.inbound.message;
    const caller = this.leg('caller');
    this.inviteTx.respond(createResponse(invite, 100, 'Trying'));
    // RFC 4028 §8.1: an interval below ours gets 422 with our minimum.
    const requested = readSessionExpires(invite);
    if (requested && requested.seconds < MIN_SESSION_EXPIRES) {
      return this.fail(422, 'Session Interval Too Small', 'failed', [{ name: 'min-se', value: String(MIN_SESSION_EXPIRES) }]);
    }
    if (invite.body.length === 0) return this.fail(488, 'Not Acceptable Here (an SDP offer is required)', 'failed');
    const described = describeAudio(invite.body.toString('latin1'));
    if ('problem' in described) return this.fail(488, `Not Acceptable Here (${described.problem})`, 'failed');
    const codecs = offerableCodecs(described.audio.codecs, this.settings().codecs);
    if (!codecs) return this.fail(488, 'Not Acceptable Here (no allowed codec)', 'failed');
    caller.offer = described.audio;
    caller.offerSdp = invite.body;
    caller.media = described.sdp.media;

    try {
      this.relaySession = await this.deps.openMediaSession();
    } catch (error) {
      this.deps.logger.error({ err: error }, 'no media ports for a call');
      return this.fail(503, 'Service Unavailable (no media ports)', 'failed');
    }
    if (this.isEnded) return void this.relaySession.close();
    pointRelayAt(this.session, 'caller', caller, described.audio, 'offer');
    this.session.onIdle(() => this.hangup('system', `no media for ${this.settings().mediaTimeoutSeconds} s`));
    this.session.onWebRtcState((leg, state, detail) => this.onWebRtcState(leg === 'a' ? 'caller' : 'callee', state, detail));

    const maxForwards = Math.max(0, (invite.maxForwards ?? 70) - 1);
    this.forks = this.parties.dial({
      events: {
        onProvisional: (fork, response) => this.onProvisional(fork, response),
        onAnswer: (fork, response) => this.onAnswer(fork, response),
        onAllFailed: (best) => this.fail(best.status, best.reason, dispositionOf(best.status), [], 'callee'),
      },
      identity: { caller: this.parties.caller, callerName: this.parties.callerName, callee: this.parties.callee, maxForwards },
      codecs,
      offer: (allowed, media) =>
        offerSdp(this.session, 'callee', this.calleeOrigin, this.mediaAddress(), allowed, described.audio.direction, described.audio.ptime, media === 'webrtc' ? newWebRtcParty() : undefined),
    });
    this.ringTimer = setTimeout(() => this.giveUpRinging(), this.parties.ringTimeoutSeconds * 1000);
    this.ringTimer.unref();
    this.host.onChange(this);
  }

  /** DTLS on a browser's leg: no media can flow when it fails (a wrong fingerprint, no handshake), so the call ends. */
  private onWebRtcState(side: Side, state: WebRtcState, detail: string): void {
    if (state === 'connected') return this.deps.logger.debug({ call: this.id, side, detail }, 'WebRTC media connected');
    this.deps.logger.warn({ call: this.id, side, detail }, 'WebRTC media failed');
    this.hangup('system', `WebRTC media failed on the ${side} side: ${detail}`);
  }

  private onProvisional(fork: Fork, response: SipResponse): void {
    if (this.isEnded) return;
    if (response.body.length > 0 && response.contentType === SDP && !this.legs.callee && response.toTag) {
      // Early media (183 with SDP): anchor it and answer the caller from this fork.
      const sdp = this.takeCalleeAnswer(Dialog.asUac(fork.invite, response, this.deps.contactFor(fork.ring.target), fork.ring.target), fork, response);
      if (!sdp) return;
      this.state = 'early';
      this.respondCaller(183, 'Session Progress', sdp);
      this.host.onChange(this);
      return;
    }
    // A 180 after early media makes many phones switch to their own ringback and drop the announcement.
    if (this.state !== 'early') this.respondCaller(180, 'Ringing');
  }

  /** Takes a callee's answer into the relay; returns the caller's answer SDP, or undefined (no common codec). */
  private takeCalleeAnswer(dialog: Dialog, fork: Fork, response: SipResponse): Buffer | undefined {
    const caller = this.leg('caller');
    const described = describeAudio(response.body.toString('latin1'));
    const negotiated = 'problem' in described ? undefined : negotiate((caller.offer as NonNullable<typeof caller.offer>).codecs, described.audio.codecs);
    if ('problem' in described || !negotiated) return undefined;
    const callee = new CallLeg(dialog, this.deps.transactions, this.calleeOrigin);
    callee.media = described.sdp.media;
    // What this fork was offered (plain or WebRTC): a session refresh repeats it.
    callee.lastSdp = fork.invite.body;
    this.legs.callee = callee;
    this.negotiated = negotiated;
    applyNegotiation(this.session, { side: 'caller', leg: caller }, { leg: callee, description: described.audio }, negotiated);
    return answerSdp(this.session, 'caller', caller, this.mediaAddress(), negotiated, described.audio.direction);
  }

  private onAnswer(fork: Fork, response: SipResponse): void {
    const dialog = fork.dialog as Dialog;
    if (this.isEnded) return void new CallLeg(dialog, this.deps.transactions).bye('call already ended');
    const early = this.legs.callee;
    const caller = this.leg('caller');
    // The phone that played early media answers: its 183's answer stands. Another fork answers: the relay
    // turns to it (the caller keeps the address it was given, and ignores the 200's SDP, RFC 3261 §13.2.1).
    const sdp = early && early.dialog.state.remoteTag === dialog.state.remoteTag ? caller.lastSdp : this.takeCalleeAnswer(dialog, fork, response);
    if (!sdp) {
      // The callee answered with nothing we can relay: end its side, tell the caller.
      new CallLeg(dialog, this.deps.transactions).bye('no common codec');
      return this.fail(488, 'Not Acceptable Here (no common codec with the callee)', 'failed');
    }
    this.leg('callee').dialog = dialog;
    clearTimeout(this.ringTimer);
    this.host.onDialog(dialog, this, 'callee');
    this.host.onDialog(this.callerDialog, this, 'caller');
    this.answeredAt = Date.now();
    this.state = 'answered';
    const ok = this.respondCaller(200, 'OK', sdp, this.negotiateSessionTimer(response));
    this.retransmitUntilAck(ok);
    this.host.onChange(this);
  }

  private giveUpRinging(): void {
    if (this.forks?.winner || this.isEnded) return;
    this.forks?.close('SIP;cause=480;text="No answer"');
    this.fail(480, 'Temporarily Unavailable (no answer)', 'no-answer', [], 'system', 'no answer within the ring time');
  }

  /** The caller cancelled (the transaction layer already answered the CANCEL with 200). */
  cancel(): void {
    if (this.forks?.winner || this.isEnded) return;
    this.forks?.close('SIP;cause=487;text="Caller cancelled"');
    this.fail(487, 'Request Terminated', 'cancelled', [], 'caller', 'caller cancelled');
  }

  /** Ends an unanswered call with a final response to the caller. */
  private fail(status: number, reason: string, disposition: Disposition, extra: HeaderField[] = [], side: Side | 'system' = 'system', cause?: string): void {
    if (this.isEnded) return;
    this.forks?.close();
    this.respondCaller(status, reason, undefined, extra);
    void this.finish(disposition, cause ?? `${status} ${reason}`, side);
  }

  /** RFC 4028 on the caller's leg: we accept its interval and let it refresh (refresher=uac) when it can. */
  private negotiateSessionTimer(calleeOk: SipResponse): HeaderField[] {
    const invite = this.inbound.message;
    const requested = readSessionExpires(invite);
    const calleeTimer = readSessionExpires(calleeOk);
    if (calleeTimer?.refresher === 'uac') this.scheduleCalleeRefresh(calleeTimer.seconds);
    if (!requested) return [];
    this.sessionInterval = requested.seconds;
    this.armSessionTimer();
    return this.answerHeaders('caller');
  }

  answerHeaders(side: Side): HeaderField[] {
    if (side !== 'caller' || this.sessionInterval === undefined) return [];
    if (!supportsTimer(this.inbound.message)) return [{ name: 'session-expires', value: `${this.sessionInterval};refresher=uas` }];
    return [
      { name: 'session-expires', value: `${this.sessionInterval};refresher=uac` },
      { name: 'require', value: 'timer' },
    ];
  }

  /** No refresh from the caller within the interval: the session is dead (RFC 4028 §10). */
  private armSessionTimer(): void {
    if (this.sessionInterval === undefined) return;
    clearTimeout(this.sessionTimer);
    // The refresher sends at half the interval; give it the rest, less a margin.
    this.sessionTimer = setTimeout(() => this.hangup('system', 'session timer expired'), (this.sessionInterval - Math.min(32, this.sessionInterval / 3)) * 1000);
    this.sessionTimer.unref();
  }

  /** The callee's 2xx made us the refresher: re-INVITE with the same SDP at half the interval. */
  private scheduleCalleeRefresh(seconds: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(async () => {
      const callee = this.legs.callee;
      if (!callee || this.isEnded) return;
      const response = await callee.send('INVITE', [], callee.lastSdp ? { type: SDP, content: callee.lastSdp } : undefined);
      if (response.status >= 300 && response.status !== 491) this.hangup('system', `session refresh failed (${response.status})`);
      else this.scheduleCalleeRefresh(seconds);
    }, (seconds / 2) * 1000);
    this.refreshTimer.unref();
  }

  /** Over UDP our 2xx is ours to repeat until the ACK comes (RFC 3261 §13.3.1.4). */
  private retransmitUntilAck(ok: SipResponse): void {
    const t1 = this.deps.timers.t1;
    if (this.inbound.flow.protocol !== 'udp') {
      this.retransmitTimer = setTimeout(() => this.hangup('system', 'no ACK from the caller'), 64 * t1);
      this.retransmitTimer.unref();
      return;
    }
    const started = Date.now();
    let interval = t1;
    const tick = () => {
      if (Date.now() - started >= 64 * t1) return this.hangup('system', 'no ACK from the caller');
      this.inviteTx.respond(ok);
      interval = Math.min(interval * 2, this.deps.timers.t2);
      this.retransmitTimer = setTimeout(tick, interval);
      this.retransmitTimer.unref();
    };
    this.retransmitTimer = setTimeout(tick, interval);
    this.retransmitTimer.unref();
  }

  /** The ACK for our 2xx to the caller. */
  ack(): void {
    clearTimeout(this.retransmitTimer);
  }

  /** A request inside one of the call's dialogs. */
  onInDialogRequest(side: Side, transaction: ServerTransaction, inbound: InboundRequest): void {
    const request = inbound.message;
    const leg = this.legs[side];
    const reply: Reply = (status, reason, sdp, extra = []) => {
      const response = createResponse(request, status, reason);
      if (leg) response.addHeader('contact', leg.dialog.state.localContact);
      for (const h of extra) response.addHeader(h.name, h.value);
      if (sdp) {
        response.addHeader('content-type', SDP);
        response.body = sdp;
      }
      transaction.respond(response);
    };
    if (!leg || !leg.dialog.acceptRemoteSeq(request)) return reply(500, 'Server Internal Error (CSeq out of order)');
    switch (request.method) {
      case 'BYE':
        reply(200, 'OK');
        return this.hangup(side, `${side} hung up`);
      case 'INVITE':
      case 'UPDATE':
        leg.dialog.refreshTarget(request.header('contact'));
        // A target refresh may come over a new flow: a browser that lost its WebSocket re-INVITEs over the new one
        // (its Contact, an .invalid host, says nothing), and our requests must follow (RFC 3261 §12.2.2).
        leg.dialog.reachVia(targetOf(inbound.flow));
        if (side === 'caller') this.armSessionTimer();
        if (this.state !== 'answered') return reply(491, 'Request Pending');
        return void renegotiate(this, side, request, reply);
      case 'INFO':
        return void this.relayInfo(side, request, reply);
      case 'REFER':
        if (this.state !== 'answered') return reply(491, 'Request Pending');
        return void blindTransfer(this, side, request, reply).catch((error: unknown) => this.deps.logger.error({ err: error, call: this.id }, 'transfer failed'));
      case 'OPTIONS':
        return reply(200, 'OK', undefined, [{ name: 'allow', value: ALLOW }]);
      default:
        return reply(501, 'Not Implemented', undefined, [{ name: 'allow', value: ALLOW }]);
    }
  }

  /** SIP INFO DTMF: into the other leg's RTP as RFC 4733 when it has telephone-event, else passed on as INFO. */
  private async relayInfo(side: Side, request: InboundRequest['message'], reply: Reply): Promise<void> {
    const to = otherSide(side);
    const other = this.legs[to];
    if (!other) return reply(481, 'Call/Transaction Does Not Exist');
    const digit = parseDtmfInfo(request.contentType, request.body);
    if (digit && other.dtmf) {
      this.session.sendDtmf(RELAY_LEG[to], digit.digit, digit.durationMs, other.dtmf.pt, other.dtmf.clockRate);
      return reply(200, 'OK');
    }
    const response = await other.send('INFO', [], { type: request.header('content-type') ?? 'application/octet-stream', content: request.body });
    reply(response.status, response.reason);
  }

  /** A transfer put a new party on `side`; the old dialog only waits for its BYE. */
  replaceLeg(side: Side, leg: CallLeg, party: { number: string; name: string }): void {
    const old = this.leg(side);
    this.legs[side] = leg;
    this.host.onDialogRetired(old.dialog);
    this.host.onDialog(leg.dialog, this, side);
    this.transferredTo = party.number;
    if (side === 'callee') this.parties.callee = party.number;
    else this.parties.caller = party.number;
    this.host.onChange(this);
  }

  handOver(keep: Side, cause: string): void {
    if (this.isEnded) return;
    this.host.onDialogRetired(this.leg(otherSide(keep)).dialog);
    void this.finish('answered', cause, 'system');
  }

  /** Ends the call from one side (BYE), or from the engine (timeouts, shutdown). */
  hangup(side: Side | 'system', cause: string): void {
    if (this.isEnded) return;
    if (!this.forks?.winner) {
      this.forks?.close();
      return this.fail(480, 'Temporarily Unavailable', 'failed', [], 'system', cause);
    }
    this.state = 'ending';
    for (const s of ['caller', 'callee'] as const) if (s !== side) this.legs[s]?.bye(cause);
    void this.finish('answered', this.transferredTo ? `${cause} (after a transfer to ${this.transferredTo})` : cause, side);
  }

  private async finish(disposition: Disposition, cause: string, side: Side | 'system'): Promise<void> {
    if (this.isEnded) return;
    this.isEnded = true;
    this.state = 'ending';
    for (const timer of [this.ringTimer, this.retransmitTimer, this.sessionTimer, this.refreshTimer]) clearTimeout(timer);
    const stats = this.relaySession ? await this.relaySession.close().catch(() => undefined) : undefined;
    const endedAt = Date.now();
    const leg = (s: LegStats | undefined) => ({ packetsSent: s?.packetsSent ?? 0, packetsReceived: s?.packetsReceived ?? 0, packetsLost: s?.packetsLost ?? 0 });
    this.host.onEnded(this, {
      callId: this.callId,
      caller: this.parties.caller,
      callerName: this.parties.callerName,
      callee: this.parties.callee,
      startedAt: this.startedAt,
      answeredAt: this.answeredAt ?? null,
      endedAt,
      durationMs: this.answeredAt ? endedAt - this.answeredAt : 0,
      disposition,
      hangupCause: cause,
      hangupSide: side,
      codec: this.negotiated ? `${this.negotiated.codec.name}/${this.negotiated.codec.clockRate}` : null,
      callerLeg: leg(stats?.a),
      calleeLeg: leg(stats?.b),
    });
  }
}
