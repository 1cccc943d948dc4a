// Messages between the MediaRelay (signalling thread) and its worker threads.
// Both sides are ours and built together, so nothing here is validated at run
// time; the per-packet path never crosses this boundary. Events the worker
// raises (idle, dtmf, webrtc-state) are per call or per digit, never per packet.

import type { DtlsCertificate } from '../webrtc/dtls-certificate';
import type { DtlsSrtpKeys, WebRtcRemoteParameters, WebRtcState } from '../webrtc/webrtc-parameters';
import type { LegName, RemoteMedia, SessionStats } from './media-relay';

/** workerData of every relay worker. */
export interface RelayWorkerConfig {
  bindAddress: string;
  inactivityTimeoutMs: number;
  /** The relay's DTLS certificate, for WebRTC legs. */
  certificate: DtlsCertificate;
}

export type MainToWorker =
  | { type: 'open-session'; sessionId: string }
  | { type: 'set-inactivity-timeout'; inactivityTimeoutMs: number }
  | { type: 'bind-leg'; requestId: number; sessionId: string; leg: LegName; rtpPort: number }
  | { type: 'set-remote'; sessionId: string; leg: LegName; remote: RemoteMedia | undefined }
  | { type: 'set-payload-map'; sessionId: string; from: LegName; map: Record<number, number> }
  | { type: 'set-telephone-event'; sessionId: string; leg: LegName; payloadType: number | undefined }
  | { type: 'send-dtmf'; sessionId: string; to: LegName; event: number; durationMs: number; payloadType: number; clockRate: number }
  /** The leg answers ICE checks with these credentials (new ones: an ICE restart). */
  | { type: 'webrtc-prepare'; sessionId: string; leg: LegName; ufrag: string; pwd: string }
  /** The peer's WebRTC parameters: the leg speaks DTLS-SRTP; undefined: plain RTP again. */
  | { type: 'webrtc-remote'; sessionId: string; leg: LegName; remote: WebRtcRemoteParameters | undefined }
  | { type: 'webrtc-adopt'; sessionId: string; leg: LegName; remote: WebRtcRemoteParameters; keys: DtlsSrtpKeys }
  | { type: 'stats'; requestId: number; sessionId: string }
  | { type: 'close-session'; requestId: number; sessionId: string };

/** The messages that expect a reply. */
export type WorkerRequest = Extract<MainToWorker, { requestId: number }>;

export type WorkerToMain =
  | { type: 'ready' }
  /** bind-leg answers with null, stats and close-session with the session's counters. */
  | { type: 'reply'; requestId: number; stats: SessionStats | null }
  | { type: 'failed'; requestId: number; code: string | undefined; message: string }
  | { type: 'idle'; sessionId: string }
  | { type: 'dtmf'; sessionId: string; from: LegName; digit: string }
  /** `keys` with 'connected': the association's SRTP keys, kept by the main thread for an attended transfer. */
  | { type: 'webrtc-state'; sessionId: string; leg: LegName; state: WebRtcState; detail: string; keys?: DtlsSrtpKeys };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A request before the worker handle numbers it. */
export type WorkerRequestBody = DistributiveOmit<WorkerRequest, 'requestId'>;
