// What the renderer needs from a transport of the contract. Electron IPC and
// the WebSocket bridge both implement it; the renderer never knows which.
import type { ChannelName, EventName } from './contract';
import type { ContractErrorShape } from './errors';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'signed-out';

export interface ContractTransport {
  invoke(channel: ChannelName, input: unknown): Promise<unknown>;
  /** Calls back for every event main pushes; returns the unsubscribe. */
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  readonly state: ConnectionState;
}

/** The answer to one call, as both transports carry it. */
export type CallResult = { ok: true; out: unknown } | { ok: false; err: ContractErrorShape };

/** What the preload puts on window.dialtone: one named function per channel, and the event feed. */
export interface PreloadApi {
  readonly channels: Readonly<Record<ChannelName, (input: unknown) => Promise<CallResult>>>;
  readonly onEvent: (listener: (event: string, payload: unknown) => void) => () => void;
}
