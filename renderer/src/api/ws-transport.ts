import { BRIDGE_PATH, serverFrameSchema } from '../../../shared/bridge-protocol';
import type { ChannelName, EventName } from '../../../shared/contract';
import { ContractError } from '../../../shared/errors';
import type { ConnectionState, ContractTransport } from '../../../shared/transport';

const CLOSE_SIGNED_OUT = 4401;
const CALL_TIMEOUT_MS = 15_000;
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface WsTransport extends ContractTransport {
  /** When the next reconnect attempt is due (ms since epoch), while reconnecting. */
  readonly nextAttemptAt: number | undefined;
  connect(): void;
  close(): void;
}

/**
 * The contract over the engine's WebSocket bridge, for browsers. Reconnects
 * with backoff; calls made while disconnected fail at once with E_UNAVAILABLE
 * so the UI can say so instead of hanging.
 */
export function createWsTransport(baseUrl: string = location.href): WsTransport {
  const url = new URL(BRIDGE_PATH, baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const eventListeners = new Set<(event: EventName, payload: unknown) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let socket: WebSocket | undefined;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closedByUs = false;

  const transport: WsTransport = {
    state: 'connecting',
    nextAttemptAt: undefined,
    connect,
    close() {
      closedByUs = true;
      clearTimeout(retryTimer);
      socket?.close();
    },
    invoke(channel: ChannelName, input: unknown) {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        return Promise.reject(new ContractError('E_UNAVAILABLE', 'Not connected to the engine. It will reconnect by itself.'));
      }
      const id = nextId++;
      socket.send(JSON.stringify({ t: 'req', id, ch: channel, in: input }));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new ContractError('E_UNAVAILABLE', 'The engine did not answer in time.'));
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };

  function setState(state: ConnectionState, nextAttemptAt?: number) {
    (transport as { state: ConnectionState }).state = state;
    (transport as { nextAttemptAt: number | undefined }).nextAttemptAt = nextAttemptAt;
    for (const listener of stateListeners) listener(state);
  }

  function failPending(message: string) {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.reject(new ContractError('E_UNAVAILABLE', message));
      pending.delete(id);
    }
  }

  // Back online: try now rather than at the end of the backoff.
  window.addEventListener('online', () => {
    if (closedByUs || transport.state !== 'reconnecting') return;
    clearTimeout(retryTimer);
    attempt = 0;
    connect();
  });

  function connect() {
    closedByUs = false;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('connected');
    };
    ws.onmessage = (message) => {
      const parsed = serverFrameSchema.safeParse(JSON.parse(String(message.data)));
      if (!parsed.success) return;
      const frame = parsed.data;
      if (frame.t === 'evt') {
        for (const listener of eventListeners) listener(frame.ev as EventName, frame.data);
        return;
      }
      const call = pending.get(frame.id);
      if (!call) return;
      pending.delete(frame.id);
      clearTimeout(call.timer);
      if (frame.ok) call.resolve(frame.out);
      else call.reject(new ContractError(frame.err.code, frame.err.message, frame.err.fields));
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = undefined;
      failPending('The connection to the engine was lost.');
      if (closedByUs) return;
      if (event.code === CLOSE_SIGNED_OUT) return setState('signed-out');
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] as number;
      attempt++;
      setState('reconnecting', Date.now() + delay);
      retryTimer = setTimeout(connect, delay);
    };
  }

  return transport;
}
