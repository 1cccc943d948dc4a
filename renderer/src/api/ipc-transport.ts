import type { ChannelName, EventName } from '../../../shared/contract';
import { ContractError } from '../../../shared/errors';
import type { ConnectionState, ContractTransport, PreloadApi } from '../../../shared/transport';

/** The contract over Electron IPC, through the functions the preload exposes. */
export function createIpcTransport(api: PreloadApi): ContractTransport {
  return {
    state: 'connected' as ConnectionState,
    async invoke(channel: ChannelName, input: unknown) {
      const fn = api.channels[channel];
      if (!fn) throw new ContractError('E_UNKNOWN_CHANNEL', `The desktop app has no channel "${channel}".`);
      const result = await fn(input);
      if (!result.ok) throw new ContractError(result.err.code, result.err.message, result.err.fields);
      return result.out;
    },
    onEvent(listener) {
      return api.onEvent((event, payload) => listener(event as EventName, payload));
    },
    onStateChange() {
      // IPC cannot drop: the engine lives in the same app.
      return () => undefined;
    },
  };
}
