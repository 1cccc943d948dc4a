import type { EngineStatus } from '../../../shared/contract';
import type { EngineEvents } from '../engine-events';
import type { SettingsRepository } from '../store/settings-repository';
import type { ChannelHandlers } from './contract-dispatch';

export interface HandlerDeps {
  settings: SettingsRepository;
  events: EngineEvents;
  status: () => EngineStatus;
}

/** The engine's side of every contract channel. The type makes a missing handler a compile error. */
export function createContractHandlers(deps: HandlerDeps): ChannelHandlers {
  return {
    'engine.status': () => deps.status(),
    'session.whoami': (_input, caller) => ({ username: caller.username, role: caller.role }),
    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => {
      const next = deps.settings.update(patch);
      deps.events.emit('settings.changed', next);
      return next;
    },
  };
}
