import { Invitation, Inviter, SessionState, type Core, type Notification, type Session, type URI, type Web } from 'sip.js';
import type { CallInfo, CallState, RemoteParty, TransferProgress } from './phone-types';
import { finalResponseWords } from './response-words';
import { remoteOnHold } from './sdp-direction';

export interface PhoneCallHooks {
  /** The call's info changed (state, mute, hold, transfer...). */
  changed(call: PhoneCall): void;
  /** The call has media to play (early media or answered). */
  media(call: PhoneCall, stream: MediaStream): void;
}

type SdhOptions = Web.SessionDescriptionHandlerOptions;

const DTMF_TONE_MS = 120;
const DTMF_GAP_MS = 70;

let nextId = 1;

const responseText = (response: Core.IncomingResponse) => `${response.message.statusCode} ${response.message.reasonPhrase}`;

/** The status line of a message/sipfrag body (RFC 3420), as in a REFER's NOTIFY: "SIP/2.0 180 Ringing". */
function sipfragStatus(body: string): { code: number; text: string } | undefined {
  const match = /^SIP\/2\.0\s+(\d{3})\s*([^\r\n]*)/.exec(body.trim());
  return match ? { code: Number(match[1]), text: `${match[1]} ${match[2]}`.trim() } : undefined;
}

/**
 * One call: a sip.js Session (an Inviter we sent or an Invitation we got)
 * and what the UI shows of it. Every action goes through here, so the state
 * a person sees is always the one the signalling reached.
 */
export class PhoneCall {
  readonly id = `call-${nextId++}`;
  private data: CallInfo;
  private held = false;

  constructor(
    readonly session: Session,
    remote: RemoteParty,
    private readonly hooks: PhoneCallHooks,
  ) {
    const incoming = session instanceof Invitation;
    this.data = {
      id: this.id,
      direction: incoming ? 'incoming' : 'outgoing',
      remote,
      state: incoming ? 'incoming' : 'dialing',
      startedAt: Date.now(),
      answeredAt: undefined,
      endedAt: undefined,
      muted: false,
      holdPending: false,
      heldByRemote: false,
      earlyMedia: false,
      transfer: undefined,
      endReason: undefined,
      problem: undefined,
    };
    session.stateChange.addListener((state) => this.onSessionState(state));
    session.delegate = {
      // With a delegate, sip.js leaves the answer to us (RFC 3261 §15.1.2: 200 to the BYE).
      onBye: (bye) => {
        this.setEndReason('The other side hung up');
        void bye.accept().catch(() => undefined);
      },
      onCancel: () => this.setEndReason('Missed: the caller hung up'),
      onSessionDescriptionHandler: (sdh) => this.hooks.media(this, (sdh as Web.SessionDescriptionHandler).remoteMediaStream),
      // A re-INVITE from the far end: its SDP says whether it holds us (RFC 3264 §8.4).
      onInvite: (request) => this.update({ heldByRemote: remoteOnHold(request.body ?? '') }),
    };
  }

  get info(): CallInfo {
    return this.data;
  }

  get state(): CallState {
    return this.data.state;
  }

  /** Established and not ended: it can be held, transferred, sent tones. */
  get established(): boolean {
    return this.session.state === SessionState.Established;
  }

  private update(patch: Partial<CallInfo>): void {
    // An ended call stays ended: a late answer (a re-INVITE's 200 after sip.js gave up on its SDP) must not revive it.
    const state = this.data.state === 'ended' ? 'ended' : (patch.state ?? this.data.state);
    this.data = { ...this.data, ...patch, state };
    this.hooks.changed(this);
  }

  private setEndReason(reason: string): void {
    if (this.data.endReason === undefined) this.data = { ...this.data, endReason: reason };
  }

  private onSessionState(state: SessionState): void {
    switch (state) {
      case SessionState.Establishing:
        if (this.data.direction === 'incoming') this.update({ state: 'connecting' });
        return;
      case SessionState.Established:
        return this.update({ state: this.held ? 'held' : 'active', answeredAt: this.data.answeredAt ?? Date.now() });
      case SessionState.Terminated:
        // sip.js reports the state before it hands the final response to our delegate: let the delegate name the reason first.
        queueMicrotask(() => {
          this.setEndReason(this.data.answeredAt ? 'Call ended' : 'Call ended before it was answered');
          this.update({ state: 'ended', endedAt: Date.now(), holdPending: false });
        });
        return;
      default:
        return;
    }
  }

  /** Sends the INVITE of an outgoing call. */
  dial(constraints: MediaStreamConstraints): void {
    const inviter = this.session as Inviter;
    inviter
      .invite({
        sessionDescriptionHandlerOptions: { constraints } as SdhOptions,
        requestDelegate: {
          onProgress: (response) => {
            const code = response.message.statusCode ?? 0;
            if (code === 180 || code === 183) this.update({ state: 'ringing', earlyMedia: this.data.earlyMedia || (code === 183 && Boolean(response.message.body)) });
          },
          onReject: (response) => this.setEndReason(finalResponseWords(response.message.statusCode ?? 0, response.message.reasonPhrase ?? '')),
        },
      })
      .catch((error: unknown) => {
        this.setEndReason(`Could not start the call: ${error instanceof Error ? error.message : String(error)}`);
        if (this.session.state !== SessionState.Terminated) void this.session.dispose();
        else this.update({});
      });
  }

  /** Answers an incoming call. */
  async answer(constraints: MediaStreamConstraints): Promise<void> {
    if (!(this.session instanceof Invitation) || this.session.state !== SessionState.Initial) return;
    try {
      await this.session.accept({ sessionDescriptionHandlerOptions: { constraints } as SdhOptions });
    } catch (error) {
      // sip.js has answered 488 (or the like) and ended the session; say why.
      this.setEndReason(`Could not answer: ${error instanceof Error ? error.message : String(error)}`);
      this.update({});
    }
  }

  /** Turns an incoming call down: 603 Decline (RFC 3261 §21.6.2). */
  decline(): void {
    if (this.session instanceof Invitation && this.session.state === SessionState.Initial) {
      this.setEndReason('Declined');
      this.session.reject({ statusCode: 603, reasonPhrase: 'Decline' });
    }
  }

  /** Ends the call whatever its state: CANCEL while ringing out, 603 while ringing in, BYE once up. */
  hangup(): void {
    const session = this.session;
    if (session.state === SessionState.Terminating || session.state === SessionState.Terminated) return;
    if (session instanceof Inviter && session.state !== SessionState.Established) {
      this.setEndReason('Cancelled');
      void session.cancel().catch(() => session.dispose());
      return;
    }
    if (session instanceof Invitation && session.state !== SessionState.Established) return this.decline();
    this.setEndReason('You hung up');
    void session.bye().catch(() => session.dispose());
  }

  private sdh(): Web.SessionDescriptionHandler | undefined {
    return this.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  }

  peerConnection(): RTCPeerConnection | undefined {
    return this.sdh()?.peerConnection;
  }

  private applyTracks(): void {
    const sdh = this.sdh();
    sdh?.enableReceiverTracks(!this.held);
    sdh?.enableSenderTracks(!this.held && !this.data.muted);
  }

  /** Mute: the microphone track stays but sends silence (enabled = false); the far end hears nothing. */
  setMuted(muted: boolean): void {
    this.update({ muted });
    this.applyTracks();
  }

  /**
   * Hold or resume with a re-INVITE (RFC 3264 §8.4): the session description
   * handler's hold option offers a=sendonly and sets the transceiver to
   * match, so our SDP and our RTCPeerConnection agree. Resolves when the far
   * end has answered; a refusal leaves the call as it was, with the reason.
   */
  setHeld(held: boolean): Promise<void> {
    if (!this.established || this.data.holdPending || this.held === held) return Promise.resolve();
    const before = this.session.sessionDescriptionHandlerOptionsReInvite as SdhOptions;
    this.session.sessionDescriptionHandlerOptionsReInvite = { ...before, hold: held } as SdhOptions;
    this.update({ holdPending: true, problem: undefined });
    const failed = (why: string) => {
      this.session.sessionDescriptionHandlerOptionsReInvite = before;
      this.update({ holdPending: false, problem: `${held ? 'Hold' : 'Resume'} failed: ${why}` });
    };
    return new Promise((resolve) => {
      this.session
        .invite({
          requestDelegate: {
            onAccept: () => {
              this.held = held;
              this.applyTracks();
              this.update({ holdPending: false, state: held ? 'held' : 'active' });
              resolve();
            },
            onReject: (response) => {
              failed(responseText(response));
              resolve();
            },
          },
        })
        .catch((error: unknown) => {
          failed(error instanceof Error ? error.message : String(error));
          resolve();
        });
    });
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Sends tones as RFC 4733 telephone-events through the RTCDTMFSender (never SIP INFO). */
  sendDtmf(tones: string): boolean {
    const sent = this.established && !this.held && (this.sdh()?.sendDtmf(tones, { duration: DTMF_TONE_MS, interToneGap: DTMF_GAP_MS }) ?? false);
    if (!sent) this.update({ problem: this.held ? 'Resume the call to send tones.' : 'This call cannot send tones.' });
    return sent;
  }

  /** Re-sends our session on a new connection after a reconnect, so the engine reaches us on it (a target refresh, RFC 3261 §12.2). */
  rebind(): void {
    if (!this.established || this.data.holdPending) return;
    void this.session.invite().catch(() => undefined);
  }

  /** Uses a new microphone in a live call; the next re-INVITE asks for the same device. */
  async switchMicrophone(constraints: MediaStreamConstraints): Promise<void> {
    const options = this.session.sessionDescriptionHandlerOptionsReInvite as SdhOptions;
    this.session.sessionDescriptionHandlerOptionsReInvite = { ...options, constraints } as SdhOptions;
    const sender = this.peerConnection()
      ?.getSenders()
      .find((s) => s.track?.kind === 'audio');
    if (!sender) return;
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    const track = stream.getAudioTracks()[0];
    if (!track) return;
    track.enabled = !this.held && !this.data.muted;
    const old = sender.track;
    await sender.replaceTrack(track);
    old?.stop();
  }

  /**
   * Blind transfer (RFC 3515, RFC 5589 §6): holds the call, sends REFER to
   * `target`, and follows the NOTIFYs; when the target answers, our part of
   * the call ends. A refusal leaves the call held, with the reason.
   */
  async transfer(target: URI, label: string): Promise<void> {
    await this.refer(target, { kind: 'blind', target: label, state: 'trying', detail: 'Asking the PBX to transfer…' });
  }

  /** Attended transfer: REFER with Replaces (RFC 5589 §7), joining this call's party to `other`'s. */
  async transferTo(other: PhoneCall): Promise<void> {
    await this.refer(other.session, { kind: 'attended', target: other.info.remote.number, state: 'trying', detail: 'Asking the PBX to connect the calls…' }, other);
  }

  private async refer(target: URI | Session, progress: TransferProgress, other?: PhoneCall): Promise<void> {
    if (!this.established) return;
    if (!this.held) await this.setHeld(true);
    if (!this.established) return;
    const report = (patch: Partial<TransferProgress>) => this.update({ transfer: { ...progress, ...this.data.transfer, ...patch } as TransferProgress });
    this.update({ transfer: progress, problem: undefined });
    try {
      await this.session.refer(target, {
        requestDelegate: {
          onAccept: (response) => report({ detail: `The PBX accepted the transfer (${responseText(response)})` }),
          onReject: (response) => report({ state: 'failed', detail: `The PBX refused the transfer: ${responseText(response)}` }),
        },
        onNotify: (notification: Notification) => {
          notification.accept();
          const status = sipfragStatus(notification.request.body ?? '');
          if (!status || status.code < 101) return;
          if (status.code < 200) return report({ state: 'ringing', detail: `${progress.target} is ringing (${status.text})` });
          if (status.code >= 300) return report({ state: 'failed', detail: `Transfer failed: ${status.text}` });
          report({ state: 'done', detail: `Transferred to ${progress.target}` });
          this.setEndReason(`Transferred to ${progress.target}`);
          this.hangup();
          other?.hangup();
        },
      });
    } catch (error) {
      report({ state: 'failed', detail: `Transfer failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /** Forgets the transfer box once a person has read a failure. */
  clearTransfer(): void {
    this.update({ transfer: undefined, problem: undefined });
  }
}
