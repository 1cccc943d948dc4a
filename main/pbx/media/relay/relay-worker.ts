// The main thread's handle on one relay worker thread: numbered requests and
// their replies, the worker's events, and its exit, expected or not.

import { Worker } from 'node:worker_threads';
import type { DtlsSrtpKeys, WebRtcState } from '../webrtc/webrtc-parameters';
import type { LegName, SessionStats } from './media-relay';
import type { ManagedSession } from './relay-session';
import type { MainToWorker, RelayWorkerConfig, WorkerRequest, WorkerRequestBody, WorkerToMain } from './relay-protocol';

export interface RelayWorkerEvents {
  idle(worker: RelayWorker, sessionId: string): void;
  dtmf(worker: RelayWorker, sessionId: string, from: LegName, digit: string): void;
  webrtcState(worker: RelayWorker, sessionId: string, leg: LegName, state: WebRtcState, detail: string, keys?: DtlsSrtpKeys): void;
  /** The thread ended without stop(): an uncaught error, or terminate() from outside. */
  crashed(worker: RelayWorker, error: Error): void;
}

interface Pending {
  resolve(stats: SessionStats | null): void;
  reject(error: Error): void;
}

function failure(code: string | undefined, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export class RelayWorker {
  /** Sessions this worker relays, by id (MediaRelay adds them, they remove themselves when they end). */
  readonly sessions = new Map<string, ManagedSession>();
  /** Sessions being opened (ports binding) on this worker. */
  opening = 0;
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;
  private exited = false;
  private stopping = false;

  private constructor(
    readonly index: number,
    private readonly thread: Worker,
  ) {}

  /** Starts the thread and resolves once it says it is ready. */
  static start(index: number, url: URL, config: RelayWorkerConfig, events: RelayWorkerEvents): Promise<RelayWorker> {
    return new Promise((resolve, reject) => {
      const worker = new RelayWorker(index, new Worker(url, { workerData: config }));
      let ready = false;
      let lastError: Error | undefined;
      worker.thread.on('message', (message: WorkerToMain) => {
        if (message.type !== 'ready') return worker.dispatch(message, events);
        ready = true;
        resolve(worker);
      });
      worker.thread.on('error', (error) => (lastError = error));
      worker.thread.on('exit', (code) => {
        worker.exited = true;
        const error = lastError ?? new Error(`media relay worker ${index} exited with code ${code}`);
        for (const pending of worker.pending.values()) pending.reject(error);
        worker.pending.clear();
        if (!ready) reject(new Error(`media relay worker ${index} did not start (${url.href}): ${error.message}`));
        else if (!worker.stopping) events.crashed(worker, error);
      });
    });
  }

  /** What least-loaded placement compares: open sessions and those being opened. */
  get load(): number {
    return this.sessions.size + this.opening;
  }

  get threadId(): number {
    return this.thread.threadId;
  }

  post(message: MainToWorker): void {
    if (!this.exited) this.thread.postMessage(message);
  }

  request(body: WorkerRequestBody): Promise<SessionStats | null> {
    if (this.exited) return Promise.reject(new Error(`media relay worker ${this.index} has exited`));
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.thread.postMessage({ ...body, requestId } as WorkerRequest);
    });
  }

  /** Ends the thread as stop() does: no crash is reported. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.thread.terminate();
  }

  /** Ends the thread as a crash would: the owner is told through `crashed`. */
  async kill(): Promise<void> {
    await this.thread.terminate();
  }

  private dispatch(message: Exclude<WorkerToMain, { type: 'ready' }>, events: RelayWorkerEvents): void {
    switch (message.type) {
      case 'reply':
      case 'failed': {
        const pending = this.pending.get(message.requestId);
        this.pending.delete(message.requestId);
        if (message.type === 'reply') pending?.resolve(message.stats);
        else pending?.reject(failure(message.code, message.message));
        return;
      }
      case 'idle':
        return events.idle(this, message.sessionId);
      case 'dtmf':
        return events.dtmf(this, message.sessionId, message.from, message.digit);
      case 'webrtc-state':
        return events.webrtcState(this, message.sessionId, message.leg, message.state, message.detail, message.keys);
    }
  }
}
