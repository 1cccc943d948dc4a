// The RTP media relay: every call's audio is anchored here (B2BUA). Each
// session has two legs, A (caller side) and B (callee side), each with an
// RTP + RTCP port pair; what arrives on one leg leaves from the other. The
// forwarding runs in worker threads that own the sockets (media-relay-worker.ts),
// so the signalling thread does no work per packet.

import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { createDtlsCertificate, type DtlsCertificate } from '../webrtc/dtls-certificate';
import type { DtlsSrtpKeys, WebRtcLocalParameters, WebRtcRemoteParameters, WebRtcState } from '../webrtc/webrtc-parameters';
import { PortAllocator } from './port-allocator';
import { ManagedSession } from './relay-session';
import { RelayWorker, type RelayWorkerEvents } from './relay-worker';

export type LegName = 'a' | 'b';
export interface RemoteMedia {
  address: string;
  rtpPort: number;
  rtcpPort: number;
}
export interface LegPorts {
  rtpPort: number;
  rtcpPort: number;
}
/** Packets not forwarded, by reason: the first three arrived on this leg, the last two were meant for its peer. */
export interface DroppedCounts {
  /** Not RTP/RTCP version 2, or shorter than its fixed header. */
  notRtp: number;
  /** From another source while the latched one is active (RTP bleed guard). */
  foreignSource: number;
  /** Payload type not in this leg's payload map. */
  unmappedPayloadType: number;
  /** No address for this leg's peer yet (nothing latched, no SDP), or its SDP port is 0. */
  noDestination: number;
  /** Sends from this leg's sockets that the OS refused. */
  sendFailed: number;
  /** SRTP/SRTCP on a WebRTC leg that failed authentication or replay checks, or came before the DTLS handshake gave keys. */
  notAuthentic: number;
}
export interface LegStats {
  /** RTP datagrams that arrived on the leg's RTP port, forwarded or not. */
  packetsReceived: number;
  /** RTP packets sent out of the leg's RTP port to its peer (forwarded and injected DTMF). */
  packetsSent: number;
  /** From the sequence numbers of the RTP accepted on this leg (RFC 3550 A.3). */
  packetsLost: number;
  bytesReceived: number;
  bytesSent: number;
  rtcpPacketsReceived: number;
  rtcpPacketsSent: number;
  dropped: DroppedCounts;
}
export type SessionStats = Record<LegName, LegStats>;

export interface WorkerErrorContext {
  /** Index of the worker slot; a replacement starts in the same slot. */
  worker: number;
  /** Sessions the worker had, now closed (their onIdle fired). */
  sessionsClosed: number;
}

export interface MediaRelayOptions {
  /** Local address the RTP sockets bind to, e.g. '127.0.0.1' or '0.0.0.0' (also '::' / '::1'). */
  bindAddress: string;
  /** Even port range for RTP (RTCP = RTP + 1), inclusive, e.g. [20000, 29999]. */
  portRange: [number, number];
  /** Worker threads; default: number of CPUs. */
  workers?: number;
  /** The built worker file; default new URL('./media-relay-worker.js', import.meta.url) (works in dist/main). Tests pass the dist path. */
  workerUrl?: URL;
  /** No RTP or RTCP from either leg for this long → the session's onIdle fires (default 60 000 ms). */
  inactivityTimeoutMs?: number;
  /** A worker thread died (or a replacement failed to start). Default: console.error. */
  onWorkerError?: (error: Error, context: WorkerErrorContext) => void;
}

export interface RelaySession {
  readonly id: string;
  readonly a: LegPorts;
  readonly b: LegPorts;
  /** Where to send this leg's media until packets arrive from it (from its SDP); undefined = unknown yet. Port 0 = do not send (a disabled stream, RFC 3264 §8.2), even to a latched source. */
  setRemote(leg: LegName, remote: RemoteMedia | undefined): void;
  /** Payload-type map for packets arriving on `from`: PT x leaves toward the other leg as PT map[x]; PTs not in the map are dropped (counted). An empty map = forward nothing, which is also where a new session starts. */
  setPayloadMap(from: LegName, map: Record<number, number>): void;
  /** Injects an RFC 4733 telephone-event (digit 0-9 * # A-D) into the stream sent toward `to`, with that leg's telephone-event payload type and clock rate: marker on the first packet, updates every 50 ms, three end packets (RFC 4733 §2.5.1.4). Digits queue behind one that is playing. */
  sendDtmf(to: LegName, digit: string, durationMs: number, payloadType: number, clockRate: number): void;
  /** Fires once when neither leg has sent RTP/RTCP for inactivityTimeoutMs, or when the session's worker crashed. */
  onIdle(listener: () => void): void;
  /** RFC 4733 events seen arriving on a leg (end of event, reported once per event), given which PT is telephone-event on that leg via setTelephoneEvent. */
  setTelephoneEvent(leg: LegName, payloadType: number | undefined): void;
  onDtmf(listener: (from: LegName, digit: string) => void): void;
  /**
   * Makes the leg able to be a WebRTC endpoint (ICE-lite, DTLS-SRTP, rtcp-mux
   * on its RTP port) and returns what our SDP says about it: our ICE
   * credentials and the relay's certificate fingerprint. The same values
   * every time (a re-INVITE keeps ICE and DTLS) unless `iceRestart`. The leg
   * answers ICE checks from now on but stays plain RTP until setWebRtcRemote.
   */
  prepareWebRtc(leg: LegName, options?: { iceRestart?: boolean }): WebRtcLocalParameters;
  /**
   * The peer's ICE credentials, fingerprints and a=setup from its SDP: the leg
   * speaks DTLS-SRTP to wherever ICE selects, and its SDP address no longer
   * matters. The same parameters again change nothing; another certificate
   * starts a new DTLS association (a new party after a transfer). Undefined:
   * the leg is plain RTP again (a plain phone answered the fork).
   */
  setWebRtcRemote(leg: LegName, remote: WebRtcRemoteParameters | undefined): void;
  /** A WebRTC leg's DTLS handshake finished and the certificate matched ('connected'), or it did not ('failed'). */
  onWebRtcState(listener: (leg: LegName, state: WebRtcState, detail: string) => void): void;
  /** The SRTP keys of the leg's DTLS association, once it is connected (for adoptWebRtc on another session's leg). */
  webRtcKeys(leg: LegName): DtlsSrtpKeys | undefined;
  /**
   * Like setWebRtcRemote, for a browser whose association with another relay
   * leg moves here (an attended transfer re-INVITEs it to this leg; it keeps
   * its DTLS session across the ICE restart): SRTP goes on with `keys`.
   */
  adoptWebRtc(leg: LegName, remote: WebRtcRemoteParameters, keys: DtlsSrtpKeys): void;
  stats(): Promise<SessionStats>;
  /** Unbinds and frees the ports; resolves with the final stats. Idempotent. */
  close(): Promise<SessionStats>;
}

/** One worker thread, as the debug method workerThreads() shows it. */
export interface RelayWorkerInfo {
  index: number;
  threadId: number;
  sessions: number;
  /** Ends the thread with worker.terminate(), which the supervisor treats as a crash. */
  terminate(): Promise<void>;
}

const DEFAULT_INACTIVITY_TIMEOUT_MS = 60_000;
/** A replacement that fails to start is retried after 1 s, 2 s, 4 s … up to this. */
const MAX_RESPAWN_DELAY_MS = 30_000;

const logToConsole = (error: Error, context: WorkerErrorContext) =>
  console.error(`media relay worker ${context.worker} failed (${context.sessionsClosed} sessions closed): ${error.stack ?? error.message}`);

function checkedTimeout(timeoutMs: number): number {
  if (!(timeoutMs > 0)) throw new RangeError(`inactivityTimeoutMs must be > 0, got ${timeoutMs}`);
  return timeoutMs;
}

export class MediaRelay {
  private readonly workers: Array<RelayWorker | undefined>;
  private readonly events: RelayWorkerEvents = {
    idle: (worker, sessionId) => worker.sessions.get(sessionId)?.fireIdle(),
    dtmf: (worker, sessionId, from, digit) => worker.sessions.get(sessionId)?.fireDtmf(from, digit),
    webrtcState: (worker, sessionId, leg, state, detail, keys) => worker.sessions.get(sessionId)?.fireWebRtcState(leg, state, detail, keys),
    crashed: (worker, error) => this.replaceCrashed(worker, error),
  };
  private stopped = false;

  private constructor(
    private readonly options: Required<MediaRelayOptions>,
    private readonly ports: PortAllocator,
    /** One self-signed certificate for every WebRTC leg of this relay (browsers check only its fingerprint). */
    private readonly certificate: DtlsCertificate = createDtlsCertificate(),
  ) {
    this.workers = new Array<RelayWorker | undefined>(options.workers).fill(undefined);
  }

  static async start(options: MediaRelayOptions): Promise<MediaRelay> {
    if (isIP(options.bindAddress) === 0) throw new TypeError(`bindAddress must be an IP address, got "${options.bindAddress}"`);
    const workers = options.workers ?? availableParallelism();
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);
    const inactivityTimeoutMs = checkedTimeout(options.inactivityTimeoutMs ?? DEFAULT_INACTIVITY_TIMEOUT_MS);
    const relay = new MediaRelay(
      {
        ...options,
        workers,
        inactivityTimeoutMs,
        workerUrl: options.workerUrl ?? new URL('./media-relay-worker.js', import.meta.url),
        onWorkerError: options.onWorkerError ?? logToConsole,
      },
      new PortAllocator(options.portRange),
    );
    const started = await Promise.allSettled(relay.workers.map((_, index) => relay.startWorker(index)));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await relay.stop();
      throw failed.reason;
    }
    return relay;
  }

  /** Allocates two port pairs, binds them in the least loaded worker, resolves when bound. Rejects with a clear Error when the range is exhausted. */
  async openSession(): Promise<RelaySession> {
    const worker = this.leastLoadedWorker();
    const sessionId = randomUUID();
    const held: number[] = [];
    const releasePorts = () => held.splice(0).forEach((port) => this.ports.release(port));
    worker.post({ type: 'open-session', sessionId });
    worker.opening++;
    const [a, b] = await Promise.allSettled([this.bindLeg(worker, sessionId, 'a', held), this.bindLeg(worker, sessionId, 'b', held)]);
    worker.opening--;
    if (a.status === 'rejected' || b.status === 'rejected') {
      await worker.request({ type: 'close-session', sessionId }).catch(() => undefined);
      releasePorts();
      throw a.status === 'rejected' ? a.reason : (b as PromiseRejectedResult).reason;
    }
    const session = new ManagedSession(sessionId, a.value, b.value, worker, this.options.bindAddress, this.certificate.fingerprint, releasePorts);
    worker.sessions.set(sessionId, session);
    return session;
  }

  /** A new no-media timeout for every session, running or future (the operator changed mediaTimeoutSeconds). */
  setInactivityTimeout(timeoutMs: number): void {
    this.options.inactivityTimeoutMs = checkedTimeout(timeoutMs);
    for (const worker of this.workers) worker?.post({ type: 'set-inactivity-timeout', inactivityTimeoutMs: timeoutMs });
  }

  /** Live counts for status pages and benches. */
  status(): { sessions: number; workers: number; portsInUse: number } {
    const live = this.workers.filter((worker) => worker !== undefined);
    return {
      sessions: live.reduce((sum, worker) => sum + worker.sessions.size, 0),
      workers: live.length,
      portsInUse: 2 * this.ports.inUse,
    };
  }

  /**
   * Debug: the worker threads, with a terminate() that ends one through
   * worker.terminate(). The supervisor handles that like any crash (logs it,
   * ends the worker's sessions through onIdle, starts a replacement), so an
   * operator can recover a stuck worker, and a test can prove the supervision.
   */
  workerThreads(): RelayWorkerInfo[] {
    return this.workers
      .filter((worker) => worker !== undefined)
      .map((worker) => ({ index: worker.index, threadId: worker.threadId, sessions: worker.sessions.size, terminate: () => worker.kill() }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const workers = this.workers.splice(0).filter((worker) => worker !== undefined);
    for (const worker of workers) for (const session of [...worker.sessions.values()]) session.abandon('relay-stopped');
    await Promise.all(workers.map((worker) => worker.stop()));
  }

  private async startWorker(index: number): Promise<void> {
    const { bindAddress, inactivityTimeoutMs, workerUrl } = this.options;
    const worker = await RelayWorker.start(index, workerUrl, { bindAddress, inactivityTimeoutMs, certificate: this.certificate }, this.events);
    if (this.stopped) return worker.stop();
    this.workers[index] = worker;
  }

  private replaceCrashed(worker: RelayWorker, error: Error): void {
    if (this.workers[worker.index] === worker) this.workers[worker.index] = undefined;
    const sessions = [...worker.sessions.values()];
    this.options.onWorkerError(error, { worker: worker.index, sessionsClosed: sessions.length });
    for (const session of sessions) session.abandon('worker-crashed');
    this.restartWorker(worker.index, 0);
  }

  private restartWorker(index: number, attempt: number): void {
    if (this.stopped) return;
    this.startWorker(index).catch((error: Error) => {
      this.options.onWorkerError(error, { worker: index, sessionsClosed: 0 });
      setTimeout(() => this.restartWorker(index, attempt + 1), Math.min(MAX_RESPAWN_DELAY_MS, 1000 * 2 ** attempt)).unref();
    });
  }

  private leastLoadedWorker(): RelayWorker {
    if (this.stopped) throw new Error('the media relay is stopped');
    let best: RelayWorker | undefined;
    for (const worker of this.workers) if (worker && (!best || worker.load < best.load)) best = worker;
    if (!best) throw new Error('no media relay worker is running (all are restarting)');
    return best;
  }

  /**
   * Takes port pairs until one binds: a pair another program holds
   * (EADDRINUSE) is skipped. Every free pair is tried at most once.
   */
  private async bindLeg(worker: RelayWorker, sessionId: string, leg: LegName, held: number[]): Promise<LegPorts> {
    let busy = 0;
    for (let tries = this.ports.free; tries > 0; tries--) {
      const rtpPort = this.ports.take();
      if (rtpPort === undefined) break;
      try {
        await worker.request({ type: 'bind-leg', sessionId, leg, rtpPort });
        held.push(rtpPort);
        return { rtpPort, rtcpPort: rtpPort + 1 };
      } catch (error) {
        this.ports.release(rtpPort);
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        busy++;
      }
    }
    const { firstPort, lastPort, inUse } = this.ports;
    throw new Error(`RTP port range ${firstPort}–${lastPort} is exhausted: ${inUse} pairs in use by the relay, ${busy} more held by other programs`);
  }
}
