// Entry of a relay worker thread (built to dist/main/media-relay-worker.js).
// It owns the UDP sockets of its sessions and does all per-packet work; the
// main thread only opens, configures and closes sessions (relay-protocol.ts).

import { parentPort, workerData } from 'node:worker_threads';
import type { MainToWorker, RelayWorkerConfig, WorkerRequest, WorkerToMain } from './relay-protocol';
import type { SessionStats } from './media-relay';
import { WorkerSession } from './worker-session';

if (!parentPort) throw new Error('media-relay-worker runs as a worker thread of MediaRelay');
const port = parentPort;
const config = workerData as RelayWorkerConfig;
const sessions = new Map<string, WorkerSession>();

const post = (message: WorkerToMain) => port.postMessage(message);

function sessionOf(sessionId: string): WorkerSession {
  const session = sessions.get(sessionId);
  if (!session) throw new Error(`no relay session ${sessionId} in this worker`);
  return session;
}

async function answer(request: WorkerRequest): Promise<SessionStats | null> {
  switch (request.type) {
    case 'bind-leg':
      await sessionOf(request.sessionId).bindLeg(request.leg, request.rtpPort);
      return null;
    case 'stats':
      return sessionOf(request.sessionId).stats();
    case 'close-session': {
      const session = sessionOf(request.sessionId);
      sessions.delete(request.sessionId);
      return session.close();
    }
  }
}

function handle(message: MainToWorker): void {
  if ('requestId' in message) {
    const { requestId } = message;
    answer(message).then(
      (stats) => post({ type: 'reply', requestId, stats }),
      (error: NodeJS.ErrnoException) => post({ type: 'failed', requestId, code: error.code, message: error.message }),
    );
    return;
  }
  if (message.type === 'set-inactivity-timeout') return watchInactivity(message.inactivityTimeoutMs);
  if (message.type === 'open-session') {
    const { sessionId } = message;
    sessions.set(
      sessionId,
      new WorkerSession(config.bindAddress, config.certificate, {
        dtmf: (from, digit) => post({ type: 'dtmf', sessionId, from, digit }),
        webrtcState: (leg, state, detail, keys) => post({ type: 'webrtc-state', sessionId, leg, state, detail, keys }),
      }),
    );
    return;
  }
  // Configuration may race with a close: a session that is gone ignores it.
  const session = sessions.get(message.sessionId);
  if (!session) return;
  switch (message.type) {
    case 'set-remote':
      return session.legs[message.leg].setRemote(message.remote);
    case 'set-payload-map':
      return session.legs[message.from].setPayloadMap(message.map);
    case 'set-telephone-event':
      return session.legs[message.leg].setTelephoneEvent(message.payloadType);
    case 'send-dtmf':
      return session.sendDtmf(message.to, message);
    case 'webrtc-prepare':
      return session.prepareWebRtc(message.leg, message.ufrag, message.pwd);
    case 'webrtc-remote':
      return session.setWebRtcRemote(message.leg, message.remote);
    case 'webrtc-adopt':
      return session.adoptWebRtc(message.leg, message.remote, message.keys);
  }
}

let sweep: NodeJS.Timeout | undefined;

/** The idle sweep; restarted when the operator changes the timeout (the settings' mediaTimeoutSeconds). */
function watchInactivity(timeoutMs: number): void {
  clearInterval(sweep);
  // A coarse sweep is enough for a timeout of seconds; short test timeouts get a finer one.
  sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [sessionId, session] of sessions) if (session.becameIdle(now, timeoutMs)) post({ type: 'idle', sessionId });
    },
    Math.min(1000, Math.max(20, timeoutMs / 4)),
  );
}

port.on('message', handle);
watchInactivity(config.inactivityTimeoutMs);
post({ type: 'ready' });
