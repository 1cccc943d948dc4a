// The main thread's side of one relay session: checks the call control's
// input, posts it to the session's worker, and fans out idle and DTMF events.

import { randomBytes } from 'node:crypto';
import { isIP, isIPv4 } from 'node:net';
import { isDtlsSetup, type DtlsSrtpKeys, type WebRtcLocalParameters, type WebRtcRemoteParameters, type WebRtcState } from '../webrtc/webrtc-parameters';
import type { LegName, LegPorts, LegStats, RelaySession, RemoteMedia, SessionStats } from './media-relay';
import type { RelayWorker } from './relay-worker';
import { dtmfEventCode } from './telephone-event';

const emptyLeg = (): LegStats => ({
  packetsReceived: 0,
  packetsSent: 0,
  packetsLost: 0,
  bytesReceived: 0,
  bytesSent: 0,
  rtcpPacketsReceived: 0,
  rtcpPacketsSent: 0,
  dropped: { notRtp: 0, foreignSource: 0, unmappedPayloadType: 0, noDestination: 0, sendFailed: 0, notAuthentic: 0 },
});

function checkPayloadType(payloadType: number, what: string): void {
  if (!Number.isInteger(payloadType) || payloadType < 0 || payloadType > 127) throw new RangeError(`${what} must be an RTP payload type 0–127, got ${payloadType}`);
}

function checkPort(port: number, what: string): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`${what} must be a port 0–65535, got ${port}`);
}

/** ice-char (RFC 8839 §5.4): ALPHA / DIGIT / "+" / "/", which base64 is made of. */
const ICE_CHARS = /^[A-Za-z0-9+/]+$/;

function checkWebRtcRemote(remote: WebRtcRemoteParameters): void {
  // RFC 8839 §5.4: ufrag 4–256 ice-chars, password 22–256.
  if (typeof remote.iceUfrag !== 'string' || typeof remote.icePwd !== 'string') throw new TypeError('ICE credentials must be strings');
  if (!ICE_CHARS.test(remote.iceUfrag) || remote.iceUfrag.length < 4 || remote.iceUfrag.length > 256) throw new TypeError(`invalid ICE ufrag "${remote.iceUfrag}"`);
  if (!ICE_CHARS.test(remote.icePwd) || remote.icePwd.length < 22 || remote.icePwd.length > 256) throw new TypeError('invalid ICE password');
  if (remote.fingerprints.length === 0) throw new TypeError('a WebRTC peer needs a certificate fingerprint');
  if (!isDtlsSetup(remote.setup)) throw new TypeError(`invalid a=setup "${remote.setup}"`);
}

export class ManagedSession implements RelaySession {
  private readonly idleListeners: Array<() => void> = [];
  private readonly dtmfListeners: Array<(from: LegName, digit: string) => void> = [];
  private readonly webrtcListeners: Array<(leg: LegName, state: WebRtcState, detail: string) => void> = [];
  private readonly webrtcLocal: Partial<Record<LegName, WebRtcLocalParameters>> = {};
  private readonly webrtcKeys: Partial<Record<LegName, DtlsSrtpKeys>> = {};
  private idleFired = false;
  private ended: Promise<SessionStats> | undefined;
  /** The latest counters seen, what close() returns when the worker is gone. */
  private lastStats: SessionStats = { a: emptyLeg(), b: emptyLeg() };

  constructor(
    readonly id: string,
    readonly a: LegPorts,
    readonly b: LegPorts,
    private readonly worker: RelayWorker,
    private readonly bindAddress: string,
    private readonly fingerprint: WebRtcLocalParameters['fingerprint'],
    /** Frees the session's ports; called once, after its sockets are gone. */
    private readonly releasePorts: () => void,
  ) {}

  setRemote(leg: LegName, remote: RemoteMedia | undefined): void {
    if (remote) {
      // Only IP literals: the relay never resolves a name an SDP carries.
      if (!isIP(remote.address)) throw new TypeError(`remote media address must be an IP address, got "${remote.address}"`);
      if (isIPv4(this.bindAddress) && !isIPv4(remote.address)) {
        throw new TypeError(`remote media address ${remote.address} is IPv6 but the relay binds to IPv4 ${this.bindAddress}`);
      }
      checkPort(remote.rtpPort, 'remote RTP port');
      checkPort(remote.rtcpPort, 'remote RTCP port');
    }
    this.post({ type: 'set-remote', sessionId: this.id, leg, remote: remote && { ...remote } });
  }

  setPayloadMap(from: LegName, map: Record<number, number>): void {
    for (const [arriving, leaving] of Object.entries(map)) {
      checkPayloadType(Number(arriving), 'payload map key');
      checkPayloadType(leaving, 'payload map value');
    }
    this.post({ type: 'set-payload-map', sessionId: this.id, from, map: { ...map } });
  }

  sendDtmf(to: LegName, digit: string, durationMs: number, payloadType: number, clockRate: number): void {
    const event = dtmfEventCode(digit);
    if (event === undefined) throw new RangeError(`DTMF digit must be one of 0-9 * # A-D, got "${digit}"`);
    if (!Number.isFinite(durationMs) || durationMs <= 0) throw new RangeError(`DTMF duration must be > 0 ms, got ${durationMs}`);
    if (!Number.isInteger(clockRate) || clockRate <= 0) throw new RangeError(`clock rate must be a positive integer, got ${clockRate}`);
    checkPayloadType(payloadType, 'telephone-event payload type');
    this.post({ type: 'send-dtmf', sessionId: this.id, to, event, durationMs, payloadType, clockRate });
  }

  setTelephoneEvent(leg: LegName, payloadType: number | undefined): void {
    if (payloadType !== undefined) checkPayloadType(payloadType, 'telephone-event payload type');
    this.post({ type: 'set-telephone-event', sessionId: this.id, leg, payloadType });
  }

  /** A listener added after the session went idle is called at once (on a microtask). */
  onIdle(listener: () => void): void {
    if (this.idleFired) queueMicrotask(listener);
    else this.idleListeners.push(listener);
  }

  onDtmf(listener: (from: LegName, digit: string) => void): void {
    this.dtmfListeners.push(listener);
  }

  prepareWebRtc(leg: LegName, options: { iceRestart?: boolean } = {}): WebRtcLocalParameters {
    const existing = this.webrtcLocal[leg];
    if (existing && !options.iceRestart) return existing;
    // 48 and 144 random bits: past the 24 and 128 that RFC 8445 §5.3 asks for.
    const local: WebRtcLocalParameters = { iceUfrag: randomBytes(6).toString('base64'), icePwd: randomBytes(18).toString('base64'), fingerprint: this.fingerprint };
    this.webrtcLocal[leg] = local;
    this.post({ type: 'webrtc-prepare', sessionId: this.id, leg, ufrag: local.iceUfrag, pwd: local.icePwd });
    return local;
  }

  setWebRtcRemote(leg: LegName, remote: WebRtcRemoteParameters | undefined): void {
    if (remote) {
      this.checkPrepared(leg);
      checkWebRtcRemote(remote);
    } else {
      // A leg that never was WebRTC has nothing to undo.
      if (!this.webrtcLocal[leg]) return;
      delete this.webrtcLocal[leg];
      delete this.webrtcKeys[leg];
    }
    this.post({ type: 'webrtc-remote', sessionId: this.id, leg, remote });
  }

  webRtcKeys(leg: LegName): DtlsSrtpKeys | undefined {
    return this.webrtcKeys[leg];
  }

  adoptWebRtc(leg: LegName, remote: WebRtcRemoteParameters, keys: DtlsSrtpKeys): void {
    this.checkPrepared(leg);
    checkWebRtcRemote(remote);
    this.webrtcKeys[leg] = keys;
    this.post({ type: 'webrtc-adopt', sessionId: this.id, leg, remote, keys });
  }

  private checkPrepared(leg: LegName): void {
    if (!this.webrtcLocal[leg]) throw new Error(`leg ${leg} is not prepared for WebRTC (prepareWebRtc first)`);
  }

  onWebRtcState(listener: (leg: LegName, state: WebRtcState, detail: string) => void): void {
    this.webrtcListeners.push(listener);
  }

  async stats(): Promise<SessionStats> {
    if (this.ended) return this.ended;
    const stats = await this.worker.request({ type: 'stats', sessionId: this.id });
    if (stats) this.lastStats = stats;
    return this.lastStats;
  }

  close(): Promise<SessionStats> {
    this.ended ??= this.closeInWorker();
    return this.ended;
  }

  /** From the worker: no accepted packet for the inactivity timeout. */
  fireIdle(): void {
    if (this.idleFired) return;
    this.idleFired = true;
    for (const listener of this.idleListeners.splice(0)) listener();
  }

  fireDtmf(from: LegName, digit: string): void {
    for (const listener of this.dtmfListeners) listener(from, digit);
  }

  fireWebRtcState(leg: LegName, state: WebRtcState, detail: string, keys?: DtlsSrtpKeys): void {
    if (keys) this.webrtcKeys[leg] = keys;
    for (const listener of this.webrtcListeners) listener(leg, state, detail);
  }

  /**
   * The worker is gone (it crashed, or the relay stopped): its sockets went with
   * it. A crash is reported as idle, so that call control hangs the call up.
   */
  abandon(reason: 'worker-crashed' | 'relay-stopped'): void {
    this.ended ??= Promise.resolve(this.lastStats);
    this.detach();
    if (reason === 'worker-crashed') this.fireIdle();
  }

  private async closeInWorker(): Promise<SessionStats> {
    try {
      const stats = await this.worker.request({ type: 'close-session', sessionId: this.id });
      if (stats) this.lastStats = stats;
    } catch {
      // The worker died meanwhile: its sockets are closed, the counters are those we last saw.
    }
    this.detach();
    return this.lastStats;
  }

  private detach(): void {
    if (!this.worker.sessions.delete(this.id)) return;
    this.releasePorts();
  }

  private post(message: Parameters<RelayWorker['post']>[0]): void {
    if (!this.ended) this.worker.post(message);
  }
}
