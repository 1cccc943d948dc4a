import { Inviter, UserAgent, type Invitation } from 'sip.js';
import type { PhoneConnection } from '../../../shared/phone';
import { microphoneConstraints } from './audio-devices';
import { CallAudio } from './call-audio';
import { CALL_WAITING, RINGTONE, dtmfFeedback, ringbackFor } from './call-tones';
import { dialTarget, numberOf } from './dial-target';
import { notifyIncomingCall } from './incoming-notification';
import { isOnline, watchNetwork } from './network-watcher';
import { PhoneCall, type PhoneCallHooks } from './phone-call';
import type { PhoneTransportConstructor } from './phone-transport';
import type { CallInfo, PhoneEvents, RemoteParty } from './phone-types';
import { RegistrationKeeper } from './registration-keeper';
import { TonePlayer } from './tone-player';
import { TypedEmitter } from './typed-emitter';
import { watchForWake } from './wake-detector';
import { WebSocketPhoneTransport } from './websocket-phone-transport';

/** An ended call stays in the list this long, so its reason can be read. */
const ENDED_LINGER_MS = 5_000;

export interface PhoneOptions {
  /** Asks the engine how to connect (the phone.connection channel). */
  fetchConnection(): Promise<PhoneConnection>;
  /** The network seam; WebSocketPhoneTransport unless a test brings its own. */
  transportConstructor?: PhoneTransportConstructor;
  /** The home country, for the ringback cadence people expect. */
  country(): string;
  /** A caller's name from the directory or contacts, for notifications. */
  nameFor?(number: string): string | undefined;
}

/** The devices in use: '' is the system default. */
export interface DeviceIds {
  microphone: string;
  speaker: string;
  ringer: string;
}

export type ActionResult = { ok: true } | { ok: false; reason: string };

/**
 * The app's own phone: registration, calls and their sounds, behind a small
 * typed event interface (`on`). No UI here; a store adapts it for React.
 */
export class Phone {
  private readonly events = new TypedEmitter<PhoneEvents>();
  private readonly keeper: RegistrationKeeper;
  private readonly calls = new Map<string, PhoneCall>();
  private readonly outputs = new Map<string, CallAudio>();
  private readonly notifications = new Map<string, () => void>();
  private readonly ringer = new TonePlayer();
  private readonly speaker = new TonePlayer();
  private devices: DeviceIds = { microphone: '', speaker: '', ringer: '' };
  private watchers: (() => void)[] = [];
  private snapshot: readonly CallInfo[] = [];
  private readonly hooks: PhoneCallHooks = {
    changed: (call) => this.callChanged(call),
    media: (call, stream) => {
      if (!this.outputs.has(call.id)) this.outputs.set(call.id, new CallAudio(stream, this.devices.speaker));
    },
  };

  constructor(private readonly options: PhoneOptions) {
    this.keeper = new RegistrationKeeper({
      fetchConnection: options.fetchConnection,
      pageUrl: () => location.href,
      transportConstructor: options.transportConstructor ?? WebSocketPhoneTransport,
      isOnline,
      onStatus: (status) => this.events.emit('registration', status),
      onInvite: (invitation) => this.receive(invitation),
      onReconnected: () => {
        for (const call of this.calls.values()) call.rebind();
      },
    });
  }

  on<K extends keyof PhoneEvents>(event: K, listener: (payload: PhoneEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  start(): void {
    this.keeper.start();
    this.watchers = [
      watchForWake(() => void this.keeper.check()),
      watchNetwork({
        online: () => void this.keeper.check(),
        offline: () => this.keeper.wentOffline(),
        changed: () => void this.keeper.check(),
      }),
    ];
  }

  async stop(): Promise<void> {
    for (const stop of this.watchers) stop();
    this.watchers = [];
    for (const call of this.calls.values()) call.hangup();
    await this.keeper.stop();
    for (const id of [...this.calls.keys()]) this.forget(id);
    this.ringer.close();
    this.speaker.close();
  }

  /** Try to connect now (the engine is back, or a person asked). */
  retryNow(): void {
    this.keeper.retryNow();
  }

  useDevices(devices: DeviceIds): void {
    const micChanged = devices.microphone !== this.devices.microphone;
    this.devices = devices;
    this.ringer.setSink(devices.ringer);
    this.speaker.setSink(devices.speaker);
    for (const output of this.outputs.values()) output.setSink(devices.speaker);
    if (micChanged) for (const call of this.live()) if (call.established) void call.switchMicrophone(microphoneConstraints(devices.microphone)).catch(() => undefined);
  }

  /** Dials a number, an extension or a sip: address. Any call in progress is held first. */
  async call(input: string): Promise<ActionResult & { id?: string }> {
    const agent = this.keeper.agent;
    if (!agent || this.keeper.current.state !== 'registered') return { ok: false, reason: 'The phone is not connected yet.' };
    const target = dialTarget(input, this.keeper.domain);
    const uri = target ? UserAgent.makeURI(target) : undefined;
    if (!target || !uri) return { ok: false, reason: `“${input}” is not a number or SIP address.` };
    await this.holdAll();
    const inviter = new Inviter(agent, uri, { earlyMedia: true });
    const call = new PhoneCall(inviter, { number: numberOf(target), displayName: '', uri: target }, this.hooks);
    this.calls.set(call.id, call);
    this.callChanged(call);
    call.dial(microphoneConstraints(this.devices.microphone));
    return { ok: true, id: call.id };
  }

  /** Answers an incoming call; a call in progress is held first (call waiting). */
  async answer(id: string): Promise<void> {
    const call = this.calls.get(id);
    if (!call || call.state !== 'incoming') return;
    await this.holdAll(call);
    await call.answer(microphoneConstraints(this.devices.microphone));
  }

  decline(id: string): void {
    this.calls.get(id)?.decline();
  }

  hangup(id: string): void {
    this.calls.get(id)?.hangup();
  }

  hold(id: string): Promise<void> {
    return this.calls.get(id)?.setHeld(true) ?? Promise.resolve();
  }

  /** Takes a call off hold; the call that was active goes on hold first (one call talks at a time). */
  async resume(id: string): Promise<void> {
    const call = this.calls.get(id);
    if (!call) return;
    await this.holdAll(call);
    await call.setHeld(false);
  }

  setMuted(id: string, muted: boolean): void {
    this.calls.get(id)?.setMuted(muted);
  }

  /** Sends DTMF as RFC 4733 events and plays each key's tone quietly here. */
  sendDtmf(id: string, tones: string): boolean {
    const call = this.calls.get(id);
    if (!call?.sendDtmf(tones)) return false;
    const first = dtmfFeedback(tones[0] ?? '');
    if (first) this.speaker.once(first);
    return true;
  }

  async transfer(id: string, input: string): Promise<ActionResult> {
    const call = this.calls.get(id);
    const target = dialTarget(input, this.keeper.domain);
    const uri = target ? UserAgent.makeURI(target) : undefined;
    if (!call || !call.established) return { ok: false, reason: 'Only a connected call can be transferred.' };
    if (!target || !uri) return { ok: false, reason: `“${input}” is not a number or SIP address.` };
    await call.transfer(uri, numberOf(target));
    return { ok: true };
  }

  /** Attended transfer: connects the party of call `id` with the party of call `otherId`. */
  async transferTo(id: string, otherId: string): Promise<ActionResult> {
    const call = this.calls.get(id);
    const other = this.calls.get(otherId);
    if (!call?.established || !other?.established) return { ok: false, reason: 'Both calls must be connected to join them.' };
    await call.transferTo(other);
    return { ok: true };
  }

  clearTransfer(id: string): void {
    this.calls.get(id)?.clearTransfer();
  }

  /** Removes an ended call from the list before its time. */
  dismiss(id: string): void {
    if (this.calls.get(id)?.state === 'ended') this.forget(id);
  }

  private live(): PhoneCall[] {
    return [...this.calls.values()].filter((c) => c.state !== 'ended');
  }

  /** Holds every established call but `except`, and waits for the answers. */
  private async holdAll(except?: PhoneCall): Promise<void> {
    await Promise.all(this.live().filter((c) => c !== except && c.established && !c.isHeld).map((c) => c.setHeld(true)));
  }

  private receive(invitation: Invitation): void {
    const identity = invitation.remoteIdentity;
    const remote: RemoteParty = { number: identity.uri.user ?? identity.uri.toString(), displayName: identity.displayName ?? '', uri: identity.uri.toString() };
    const call = new PhoneCall(invitation, remote, this.hooks);
    this.calls.set(call.id, call);
    this.callChanged(call);
    this.events.emit('incoming', call.info);
    const name = this.options.nameFor?.(remote.number) ?? remote.displayName;
    this.notifications.set(call.id, notifyIncomingCall(call.info, name));
  }

  private callChanged(call: PhoneCall): void {
    if (!this.calls.has(call.id)) return;
    if (call.state !== 'incoming') {
      this.notifications.get(call.id)?.();
      this.notifications.delete(call.id);
    }
    if (call.state === 'ended') {
      this.outputs.get(call.id)?.close();
      this.outputs.delete(call.id);
      setTimeout(() => this.forget(call.id), ENDED_LINGER_MS);
    }
    this.publish();
  }

  private forget(id: string): void {
    if (!this.calls.delete(id)) return;
    this.outputs.get(id)?.close();
    this.outputs.delete(id);
    this.notifications.get(id)?.();
    this.notifications.delete(id);
    this.publish();
  }

  private publish(): void {
    this.snapshot = [...this.calls.values()].map((c) => c.info);
    this.playTones();
    this.events.emit('calls', this.snapshot);
  }

  /** Ringtone on the ringer when a call rings and nothing else is up; call waiting or ringback on the speaker. */
  private playTones(): void {
    const live = this.snapshot.filter((c) => c.state !== 'ended');
    const ringing = live.some((c) => c.state === 'incoming');
    const busy = live.some((c) => c.state !== 'incoming');
    this.ringer.loop(ringing && !busy ? RINGTONE : undefined);
    const ringback = live.some((c) => c.direction === 'outgoing' && c.state === 'ringing' && !c.earlyMedia);
    this.speaker.loop(ringing && busy ? CALL_WAITING : ringback ? ringbackFor(this.options.country()) : undefined);
  }
}
