import { randomBytes, randomUUID } from 'node:crypto';
import type { MediaDescription } from 'sdp-transform';
import type { ActiveCall, CallRecord, Disposition } from '../../../shared/call-records';
import type { Binding } from '../registrar/binding';
import type { LegName, LegStats, RelaySession } from '../media/relay/media-relay';
import { describeAudio, type AudioDescription, type Codec } from '../media/sdp/audio-description';
import { negotiate, offerableCodecs, type NegotiatedAudio } from '../media/sdp/codec-negotiation';
import { LegOrigin, writeAudioSdp } from '../media/sdp/leg-sdp';
import { Dialog } from '../sip/dialog/dialog';
import { SipRequest, type HeaderField, type SipResponse } from '../sip/message/sip-message';
import type { ClientInviteTransaction } from '../sip/transaction/client-invite-transaction';
import type { ServerInviteTransaction } from '../sip/transaction/server-invite-transaction';
import type { SendTarget, ServerTransaction } from '../sip/transaction/transaction-layer';
import type { InboundRequest } from '../sip/transport/flow';
import { createResponse, newTag } from '../sip/ua/response-builder';
import type { CallDeps } from './call-types';
import { parseDtmfInfo } from './dtmf-info';
import { bestFailure, dispositionOf } from './final-response';
import { sendInDialog } from './in-dialog-client';
import { MIN_SESSION_EXPIRES, readSessionExpires, supportsTimer } from './session-timer';

type Side = 'caller' | 'callee';
const LEG: Record<Side, LegName> = { caller: 'a', callee: 'b' };
const ALLOW = 'INVITE, ACK, CANCEL, BYE, UPDATE, INFO, OPTIONS';
const SDP = 'application/sdp';

interface Fork {
  readonly binding: Binding;
  readonly target: SendTarget;
  readonly invite: SipRequest;
  transaction: ClientInviteTransaction | undefined;
  dialog: Dialog | undefined;
  failure: { status: number; reason: string } | undefined;
}

interface Leg {
  dialog: Dialog;
  origin: LegOrigin;
  /** The last description this side offered, and the m= lines of its SDP (for mirrored answers). */
  offer: AudioDescription | undefined;
  media: readonly MediaDescription[];
  /** The SDP body of that offer, to tell a session refresh (same o= version) from a change. */
  offerSdp: Buffer | undefined;
  /** The last SDP we sent this side. */
  lastSdp: Buffer | undefined;
  /** telephone-event on this leg, once negotiated. */
  dtmf: Codec | undefined;
}

export interface CallParties {
  caller: string;
  callerName: string;
  callee: string;
  bindings: readonly Binding[];
  ringTimeoutSeconds: number;
}

export interface CallObserver {
  onDialog(dialog: Dialog, call: B2buaCall, side: Side): void;
  onChange(call: B2buaCall): void;
  onEnded(call: B2buaCall, record: Omit<CallRecord, 'id'>): void;
}


/**
 * One call through the B2BUA: the caller's INVITE (leg A, our UAS dialog) and
 * one INVITE per registered contact of the callee (forks, our UAC dialogs),
 * with media anchored in a relay session. The first 2xx wins; the other forks
 * are cancelled. Everything either side does in its dialog (BYE, re-INVITE,
 * UPDATE, INFO) is translated to the other.
 */
export class B2buaCall {
  readonly id = randomUUID();
  state: ActiveCall['state'] = 'ringing';
  readonly startedAt = Date.now();
  answeredAt: number | undefined;
  private readonly a: Leg;
  private b: Leg | undefined;
  private readonly forks: Fork[] = [];
  private winner: Fork | undefined;
  private session: RelaySession | undefined;
  private negotiated: NegotiatedAudio | undefined;
  private readonly bOrigin = new LegOrigin();
  private ringTimer: NodeJS.Timeout | undefined;
  private retransmitTimer: NodeJS.Timeout | undefined;
  private sessionTimer: NodeJS.Timeout | undefined;
  private sessionInterval: number | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private reinviteInProgress = false;
  private ended = false;
  private readonly aTag = newTag();

  constructor(
    private readonly deps: CallDeps,
    private readonly observer: CallObserver,
    private readonly inviteTx: ServerInviteTransaction,
    private readonly inbound: InboundRequest,
    readonly parties: CallParties,
  ) {
    const flow = inbound.flow;
    const target: SendTarget = { protocol: flow.protocol, address: flow.remoteAddress, port: flow.remotePort, connectionId: flow.connectionId };
    this.a = {
      dialog: Dialog.asUas(inbound.message, this.aTag, deps.contactFor(target), target),
      origin: new LegOrigin(),
      offer: undefined,
      offerSdp: undefined,
      media: [],
      lastSdp: undefined,
      dtmf: undefined,
    };
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

  /** Answers the caller with a final failure before anything else happened. */
  private rejectCaller(status: number, reason: string, extra: [string, string][] = []): void {
    const response = createResponse(this.inbound.message, status, reason, this.aTag);
    for (const [name, value] of extra) response.addHeader(name, value);
    this.inviteTx.respond(response);
  }

  private respondCaller(status: number, reason: string, sdp?: Buffer, extra: HeaderField[] = []): SipResponse {
    const response = createResponse(this.inbound.message, status, reason, this.aTag);
    response.addHeader('contact', this.a.dialog.state.localContact);
    response.addHeader('allow', ALLOW);
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
    this.inviteTx.respond(createResponse(invite, 100, 'Trying'));

    // RFC 4028 §8.1: an interval below ours gets 422 with our minimum.
    const requested = readSessionExpires(invite);
    if (requested && requested.seconds < MIN_SESSION_EXPIRES) {
      return this.fail(422, 'Session Interval Too Small', 'failed', [['min-se', String(MIN_SESSION_EXPIRES)]]);
    }
    if (invite.body.length === 0) return this.fail(488, 'Not Acceptable Here (an SDP offer is required)', 'failed');
    const described = describeAudio(invite.body.toString('latin1'));
    if ('problem' in described) return this.fail(488, `Not Acceptable Here (${described.problem})`, 'failed');
    const codecs = offerableCodecs(described.audio.codecs, this.deps.settings().codecs);
    if (!codecs) return this.fail(488, 'Not Acceptable Here (no allowed codec)', 'failed');
    this.a.offer = described.audio;
    this.a.offerSdp = invite.body;
    this.a.media = described.sdp.media;

    try {
      this.session = await this.deps.openMediaSession();
    } catch (error) {
      this.deps.logger.error({ err: error }, 'no media ports for a call');
      return this.fail(503, 'Service Unavailable (no media ports)', 'failed');
    }
    if (this.ended) return void this.session.close();
    this.session.setRemote('a', { address: described.audio.address, rtpPort: described.audio.port, rtcpPort: described.audio.rtcpPort });
    this.session.onIdle(() => this.hangup('system', `no media for ${Math.round(this.deps.settings().mediaTimeoutSeconds)} s`));
    this.session.onDtmf((from, digit) => this.deps.logger.debug({ call: this.id, from, digit }, 'RFC 4733 digit'));

    const offer = Buffer.from(
      writeAudioSdp({
        origin: this.bOrigin.next(),
        address: this.deps.mediaAddress(),
        port: this.session.b.rtpPort,
        codecs,
        direction: described.audio.direction,
        ptime: described.audio.ptime,
      }),
    );
    const maxForwards = Math.max(0, (invite.maxForwards ?? 70) - 1);
    for (const binding of this.parties.bindings) this.fork(binding, offer, maxForwards);
    this.ringTimer = setTimeout(() => this.giveUpRinging(), this.parties.ringTimeoutSeconds * 1000);
    this.ringTimer.unref();
    this.observer.onChange(this);
  }

  private fork(binding: Binding, offer: Buffer, maxForwards: number): void {
    const target: SendTarget = { protocol: binding.protocol, address: binding.sourceAddress, port: binding.sourcePort, connectionId: binding.connectionId };
    const host = this.deps.contactFor(target).replace(/^<sip:[^@]+@([^;>]+).*$/, '$1');
    const display = this.parties.callerName ? `"${this.parties.callerName.replace(/["\\]/g, '')}" ` : '';
    const invite = new SipRequest(
      'INVITE',
      binding.contactUri,
      [
        { name: 'max-forwards', value: String(maxForwards) },
        { name: 'from', value: `${display}<sip:${this.parties.caller}@${host}>;tag=${newTag()}` },
        { name: 'to', value: `<sip:${this.parties.callee}@${host}>` },
        { name: 'call-id', value: `${randomBytes(12).toString('hex')}@dialtone` },
        { name: 'cseq', value: '1 INVITE' },
        { name: 'contact', value: this.deps.contactFor(target) },
        { name: 'allow', value: ALLOW },
        { name: 'supported', value: 'timer' },
        { name: 'content-type', value: SDP },
      ],
      offer,
    );
    const fork: Fork = { binding, target, invite, transaction: undefined, dialog: undefined, failure: undefined };
    this.forks.push(fork);
    fork.transaction = this.deps.transactions.sendInvite(invite, target, {
      onResponse: (response) => this.onForkResponse(fork, response),
      onTimeout: () => this.onForkFailure(fork, 408, 'Request Timeout'),
      onTransportError: () => this.onForkFailure(fork, 480, 'Temporarily Unavailable'),
    });
  }

  private onForkResponse(fork: Fork, response: SipResponse): void {
    const status = response.status;
    if (status < 200) return this.onForkProvisional(fork, response);
    if (status < 300) return this.onForkAnswer(fork, response);
    this.onForkFailure(fork, status, response.reason);
  }

  private onForkProvisional(fork: Fork, response: SipResponse): void {
    if (this.ended || this.winner || response.status === 100) return;
    if (response.body.length > 0 && response.contentType === SDP && !this.b) {
      // Early media (183 with SDP): anchor it and answer the caller from this fork.
      const dialog = Dialog.asUac(fork.invite, response, this.deps.contactFor(fork.target), fork.target);
      const answerSdp = this.applyCalleeAnswer(dialog, response);
      if (!answerSdp) return;
      this.state = 'early';
      this.respondCaller(183, 'Session Progress', answerSdp);
      this.observer.onChange(this);
      return;
    }
    if (response.status === 180 || response.status === 183) this.respondCaller(180, 'Ringing');
  }

  /** Takes a callee answer into the relay and returns the caller's answer SDP, or undefined (no common codec). */
  private applyCalleeAnswer(dialog: Dialog, response: SipResponse): Buffer | undefined {
    const described = describeAudio(response.body.toString('latin1'));
    const offer = this.a.offer as AudioDescription;
    const negotiated = 'problem' in described ? undefined : negotiate(offer.codecs, described.audio.codecs);
    if ('problem' in described || !negotiated) return undefined;
    this.b = { dialog, origin: this.bOrigin, offer: undefined, offerSdp: undefined, media: described.sdp.media, lastSdp: undefined, dtmf: negotiated.answerDtmf };
    this.a.dtmf = negotiated.offerDtmf;
    this.useNegotiation('caller', negotiated, described.audio);
    return this.writeAnswer('caller', negotiated, described.audio.direction);
  }

  /** Points the relay at the answerer's media and maps payload types both ways. */
  private useNegotiation(offerer: Side, negotiated: NegotiatedAudio, answer: AudioDescription): void {
    const session = this.session as RelaySession;
    const answerer: Side = offerer === 'caller' ? 'callee' : 'caller';
    this.negotiated = negotiated;
    session.setRemote(LEG[answerer], { address: answer.address, rtpPort: answer.port, rtcpPort: answer.rtcpPort });
    session.setPayloadMap(LEG[offerer], negotiated.offerToAnswer);
    session.setPayloadMap(LEG[answerer], negotiated.answerToOffer);
    session.setTelephoneEvent(LEG[offerer], negotiated.offerDtmf?.pt);
    session.setTelephoneEvent(LEG[answerer], negotiated.answerDtmf?.pt);
  }

  /** Our answer to the side that offered: its payload numbers, in its order, our ports. */
  private writeAnswer(offerer: Side, negotiated: NegotiatedAudio, direction: AudioDescription['direction']): Buffer {
    const leg = offerer === 'caller' ? this.a : (this.b as Leg);
    const offer = (offerer === 'caller' ? this.a.offer : leg.offer) as AudioDescription;
    const sdp = Buffer.from(
      writeAudioSdp({
        origin: leg.origin.next(),
        address: this.deps.mediaAddress(),
        port: (this.session as RelaySession)[LEG[offerer]].rtpPort,
        codecs: negotiated.pairs.map((p) => p.offer),
        direction,
        ptime: offer.ptime,
        mirror: { media: leg.media, audioIndex: offer.index },
      }),
    );
    leg.lastSdp = sdp;
    return sdp;
  }

  private onForkAnswer(fork: Fork, response: SipResponse): void {
    if (!fork.dialog) fork.dialog = Dialog.asUac(fork.invite, response, this.deps.contactFor(fork.target), fork.target);
    // Every 2xx is ACKed, even a late one from a losing fork, which then gets a BYE (§13.2.2.4).
    this.deps.transactions.sendStateless(fork.dialog.ack(fork.invite.cseq.seq), fork.target);
    if (this.winner === fork) return;
    if (this.winner || this.ended) {
      void sendInDialog(this.deps.transactions, fork.dialog, fork.dialog.request('BYE'));
      return;
    }
    const early = this.b?.dialog;
    const answerSdp = early && early.key === fork.dialog.key && this.a.lastSdp ? this.a.lastSdp : this.applyCalleeAnswer(fork.dialog, response);
    if (!answerSdp) {
      // The callee answered with nothing we can relay: end its side, tell the caller.
      void sendInDialog(this.deps.transactions, fork.dialog, fork.dialog.request('BYE'));
      this.winner = fork;
      this.cancelOtherForks(undefined);
      return this.fail(488, 'Not Acceptable Here (no common codec with the callee)', 'failed');
    }
    this.winner = fork;
    (this.b as Leg).dialog = fork.dialog;
    clearTimeout(this.ringTimer);
    this.cancelOtherForks(fork);
    this.observer.onDialog(fork.dialog, this, 'callee');
    this.observer.onDialog(this.a.dialog, this, 'caller');
    this.answeredAt = Date.now();
    this.state = 'answered';
    const timerHeaders = this.negotiateSessionTimer(response);
    const ok = this.respondCaller(200, 'OK', answerSdp, timerHeaders);
    this.retransmitUntilAck(ok);
    this.observer.onChange(this);
  }

  private cancelOtherForks(except: Fork | undefined): void {
    for (const other of this.forks) {
      // RFC 3326: tell the other phones why they stopped ringing.
      if (other !== except && other.transaction && !other.failure) this.deps.transactions.cancel(other.transaction, 'SIP;cause=200;text="Call completed elsewhere"');
    }
  }

  private onForkFailure(fork: Fork, status: number, reason: string): void {
    fork.failure ??= { status, reason };
    if (this.winner || this.ended) return;
    if (this.forks.some((f) => !f.failure)) return;
    const best = bestFailure(this.forks.map((f) => f.failure as { status: number; reason: string }));
    this.fail(best.status, best.reason, dispositionOf(best.status), [], 'callee');
  }

  private giveUpRinging(): void {
    if (this.winner || this.ended) return;
    this.cancelOtherForks(undefined);
    this.fail(480, 'Temporarily Unavailable (no answer)', 'no-answer', [], 'system', 'no answer within the ring time');
  }

  /** The caller cancelled (the transaction layer already answered the CANCEL with 200). */
  cancel(): void {
    if (this.winner || this.ended) return;
    this.cancelOtherForks(undefined);
    this.fail(487, 'Request Terminated', 'cancelled', [], 'caller', 'caller cancelled');
  }

  /** Ends an unanswered call with a final response to the caller. */
  private fail(status: number, reason: string, disposition: Disposition, extra: [string, string][] = [], side: 'caller' | 'callee' | 'system' = 'system', cause?: string): void {
    if (this.ended) return;
    this.rejectCaller(status, reason, extra);
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
    if (!supportsTimer(invite)) return [{ name: 'session-expires', value: `${requested.seconds};refresher=uas` }];
    return [
      { name: 'session-expires', value: `${requested.seconds};refresher=uac` },
      { name: 'require', value: 'timer' },
    ];
  }

  /** No refresh from the caller within the interval: the session is dead (RFC 4028 §10). */
  private armSessionTimer(): void {
    if (this.sessionInterval === undefined) return;
    clearTimeout(this.sessionTimer);
    // The refresher sends at half the interval; allow the other half (less a margin) for it to arrive.
    this.sessionTimer = setTimeout(() => this.hangup('system', 'session timer expired'), (this.sessionInterval - Math.min(32, this.sessionInterval / 3)) * 1000);
    this.sessionTimer.unref();
  }

  /** The callee's 2xx made us the refresher: re-INVITE with the same SDP at half the interval. */
  private scheduleCalleeRefresh(seconds: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(async () => {
      const b = this.b;
      if (!b || this.ended) return;
      const response = await sendInDialog(this.deps.transactions, b.dialog, this.withSdp(b.dialog.request('INVITE'), (this.winner as Fork).invite.body));
      if (response.status >= 300 && response.status !== 491) this.hangup('system', `session refresh failed (${response.status})`);
      else this.scheduleCalleeRefresh(seconds);
    }, (seconds / 2) * 1000);
    this.refreshTimer.unref();
  }

  private withSdp(request: SipRequest, sdp: Buffer | undefined): SipRequest {
    if (!sdp) return request;
    request.addHeader('content-type', SDP);
    request.body = sdp;
    return request;
  }

  /** Over UDP our 2xx is ours to repeat until the ACK comes (RFC 3261 §13.3.1.4). */
  private retransmitUntilAck(ok: SipResponse): void {
    if (this.inbound.flow.protocol !== 'udp') {
      this.retransmitTimer = setTimeout(() => this.hangup('system', 'no ACK from the caller'), 64 * this.deps.timers.t1);
      this.retransmitTimer.unref();
      return;
    }
    const started = Date.now();
    let interval = this.deps.timers.t1;
    const tick = () => {
      if (Date.now() - started >= 64 * this.deps.timers.t1) return this.hangup('system', 'no ACK from the caller');
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
    const leg = side === 'caller' ? this.a : this.b;
    const reply = (status: number, reason: string, sdp?: Buffer, extra: HeaderField[] = []) => {
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
        return void this.renegotiate(side, request, reply);
      case 'INFO':
        return void this.relayInfo(side, request, reply);
      case 'OPTIONS':
        return reply(200, 'OK', undefined, [{ name: 'allow', value: ALLOW }]);
      default:
        return reply(501, 'Not Implemented', undefined, [{ name: 'allow', value: ALLOW }]);
    }
  }

  /**
   * A re-INVITE or UPDATE from one side: hold, resume, a codec change, or a
   * session refresh. A refresh with the same SDP version is answered here; a
   * real change goes to the other side as our own offer, and its answer comes back.
   */
  private async renegotiate(side: Side, request: SipRequest, reply: (s: number, r: string, sdp?: Buffer, extra?: HeaderField[]) => void): Promise<void> {
    if (side === 'caller') this.armSessionTimer();
    const leg = side === 'caller' ? this.a : (this.b as Leg);
    const otherSide: Side = side === 'caller' ? 'callee' : 'caller';
    const other = otherSide === 'caller' ? this.a : (this.b as Leg);
    const timer = side === 'caller' && this.sessionInterval !== undefined ? [{ name: 'session-expires', value: `${this.sessionInterval};refresher=uac` }] : [];
    if (this.state !== 'answered') return reply(491, 'Request Pending');
    if (request.body.length === 0) return reply(200, 'OK', leg.lastSdp, timer);
    const described = describeAudio(request.body.toString('latin1'));
    if ('problem' in described) return reply(488, `Not Acceptable Here (${described.problem})`);
    if (leg.lastSdp && sameSdpVersion(request.body, leg.offerSdp)) return reply(200, 'OK', leg.lastSdp, timer);
    if (this.reinviteInProgress) return reply(491, 'Request Pending');
    const codecs = offerableCodecs(described.audio.codecs, this.deps.settings().codecs);
    if (!codecs) return reply(488, 'Not Acceptable Here (no allowed codec)');
    this.reinviteInProgress = true;
    try {
      const session = this.session as RelaySession;
      const offer = Buffer.from(
        writeAudioSdp({
          origin: other.origin.next(),
          address: this.deps.mediaAddress(),
          port: session[LEG[otherSide]].rtpPort,
          codecs,
          direction: described.audio.direction,
          ptime: described.audio.ptime,
        }),
      );
      const response = await sendInDialog(this.deps.transactions, other.dialog, this.withSdp(other.dialog.request(request.method), offer));
      if (this.ended) return reply(481, 'Call/Transaction Does Not Exist');
      if (response.status >= 300) return reply(response.status, response.reason);
      const answer = describeAudio(response.body.toString('latin1'));
      const negotiated = 'problem' in answer ? undefined : negotiate(described.audio.codecs, answer.audio.codecs);
      if ('problem' in answer || !negotiated) return reply(488, 'Not Acceptable Here (no common codec)');
      leg.offer = described.audio;
      leg.offerSdp = request.body;
      leg.media = described.sdp.media;
      session.setRemote(LEG[side], { address: described.audio.address, rtpPort: described.audio.port, rtcpPort: described.audio.rtcpPort });
      leg.dtmf = negotiated.offerDtmf;
      other.dtmf = negotiated.answerDtmf;
      this.useNegotiation(side, negotiated, answer.audio);
      reply(200, 'OK', this.writeAnswer(side, negotiated, answer.audio.direction), timer);
    } finally {
      this.reinviteInProgress = false;
    }
  }

  /** SIP INFO DTMF: into the other leg's RTP as RFC 4733 when it has telephone-event, else passed on as INFO. */
  private async relayInfo(side: Side, request: SipRequest, reply: (s: number, r: string) => void): Promise<void> {
    const otherSide: Side = side === 'caller' ? 'callee' : 'caller';
    const other = otherSide === 'caller' ? this.a : this.b;
    const digit = parseDtmfInfo(request.contentType, request.body);
    if (digit && other?.dtmf && this.session) {
      this.session.sendDtmf(LEG[otherSide], digit.digit, digit.durationMs, other.dtmf.pt, other.dtmf.clockRate);
      return reply(200, 'OK');
    }
    if (!other) return reply(481, 'Call/Transaction Does Not Exist');
    const forward = other.dialog.request('INFO');
    const type = request.header('content-type');
    if (type) forward.addHeader('content-type', type);
    forward.body = request.body;
    const response = await sendInDialog(this.deps.transactions, other.dialog, forward);
    reply(response.status, response.reason);
  }

  /** Ends the call from one side (BYE), or from the engine (timeouts, shutdown). */
  hangup(side: Side | 'system', cause: string): void {
    if (this.ended) return;
    if (!this.winner) {
      this.cancelOtherForks(undefined);
      this.fail(480, 'Temporarily Unavailable', 'failed', [], 'system', cause);
      return;
    }
    this.state = 'ending';
    const byeTo = (leg: Leg | undefined) => leg && void sendInDialog(this.deps.transactions, leg.dialog, leg.dialog.request('BYE', [{ name: 'reason', value: `Q.850;cause=16;text="${cause.replace(/"/g, '')}"` }]));
    if (side !== 'caller') byeTo(this.a);
    if (side !== 'callee') byeTo(this.b);
    void this.finish('answered', cause, side);
  }

  private async finish(disposition: Disposition, cause: string, side: 'caller' | 'callee' | 'system'): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.state = 'ending';
    for (const timer of [this.ringTimer, this.retransmitTimer, this.sessionTimer, this.refreshTimer]) clearTimeout(timer);
    const stats = this.session ? await this.session.close().catch(() => undefined) : undefined;
    const endedAt = Date.now();
    const leg = (s: LegStats | undefined) => ({ packetsSent: s?.packetsSent ?? 0, packetsReceived: s?.packetsReceived ?? 0, packetsLost: s?.packetsLost ?? 0 });
    this.observer.onEnded(this, {
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

/** Two SDP bodies with the same o= line (session id and version): a refresh, not a change (RFC 3264 §8). */
function sameSdpVersion(next: Buffer, previous: Buffer | undefined): boolean {
  if (!previous) return false;
  const origin = (b: Buffer) => /^o=.*$/m.exec(b.toString('latin1'))?.[0]?.trim();
  return origin(next) !== undefined && origin(next) === origin(previous);
}

