import type { EventName, EventPayload } from '../../shared/contract';

export type EngineEventListener = (event: EventName, payload: unknown) => void;

/** Events the engine pushes to every connected renderer, over IPC or the bridge. */
export class EngineEvents {
  private readonly listeners = new Set<EngineEventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
