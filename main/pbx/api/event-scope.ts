import type { EventName, EventPayload } from '../../../shared/contract';
import type { Caller } from './contract-dispatch';

type Scoped = { [E in EventName]: (payload: EventPayload<E>, caller: Caller) => EventPayload<E> | undefined };

const mine = (caller: Caller, ...numbers: string[]) => numbers.includes(caller.username);

/**
 * What each pushed event may show a person who is not an administrator: the
 * same as the channels would (their own calls, their own registrations, no
 * trunks). Undefined means "not for them". Administrators see everything.
 */
const SCOPE: Scoped = {
  'settings.changed': (payload) => payload,
  'registrations.changed': (payload, caller) => (mine(caller, payload.number) ? payload : undefined),
  'calls.changed': (payload, caller) => payload.filter((c) => mine(caller, c.caller, c.callee)),
  'calls.recorded': (payload, caller) => (mine(caller, payload.caller, payload.callee) ? payload : undefined),
  'trunks.status': () => undefined,
  'directory.changed': (payload) => payload,
};

export function scopeEvent<E extends EventName>(event: E, payload: EventPayload<E>, caller: Caller): EventPayload<E> | undefined {
  if (caller.role === 'admin') return payload;
  return (SCOPE[event] as (p: EventPayload<E>, c: Caller) => EventPayload<E> | undefined)(payload, caller);
}
