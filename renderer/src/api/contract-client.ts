import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../../shared/contract';
import type { ContractTransport } from '../../../shared/transport';

/** Typed calls over whichever transport the app has. */
export interface ContractClient {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly transport: ContractTransport;
}

export function createContractClient(transport: ContractTransport): ContractClient {
  return {
    transport,
    call: (channel, input) => transport.invoke(channel, input) as Promise<never>,
    on(event, listener) {
      return transport.onEvent((name, payload) => {
        if (name === event) listener(payload as never);
      });
    },
  };
}
