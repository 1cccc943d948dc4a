import type { Caller, ChannelHandlers } from '../../../main/pbx/api/contract-dispatch';
import type { ChannelInput } from '../../../shared/contract';
import type { TrunkStatus } from '../../../shared/trunks';
import { waitUntil } from '../peers/wait-until';
import type { Provider } from './provider-sipp';

export const ADMIN: Caller = { username: 'admin', role: 'admin', origin: 'test' };

/** The account the simulated providers know (the [user] and [password] keys of provider-digest.xml). */
export const PROVIDER_ACCOUNT = { user: 'office-trunk', password: 'provider-secret-1' } as const;

/** A custom-credential trunk pointing at a simulated provider, as a person would fill in the form. */
export function providerTrunk(
  name: string,
  provider: Pick<Provider, 'address' | 'sipPort'>,
  settings: Record<string, unknown> = {},
  password: string = PROVIDER_ACCOUNT.password,
): ChannelInput<'trunks.create'> {
  return {
    template: 'custom-credential',
    name,
    fields: { server: provider.address, port: String(provider.sipPort), username: PROVIDER_ACCOUNT.user, password },
    settings,
  };
}

/** Removes every trunk and route out and in, so the next test starts from an empty configuration. */
export async function removeTrunksAndRoutes(handlers: ChannelHandlers): Promise<void> {
  const routes = await handlers['routes.list']({}, ADMIN);
  for (const { name } of routes.outbound) await handlers['routes.removeOutbound']({ name }, ADMIN);
  for (const { did, trunk } of routes.inbound) await handlers['routes.removeInbound']({ did, ...(trunk ? { trunk } : {}) }, ADMIN);
  for (const { name } of (await handlers['trunks.list']({}, ADMIN)).trunks) await handlers['trunks.remove']({ name }, ADMIN);
}

/** The running engine's status of a trunk once `accept` says it is the one awaited. */
export function trunkStatusWhen(handlers: ChannelHandlers, name: string, accept: (status: TrunkStatus) => boolean, timeoutMs: number): Promise<TrunkStatus> {
  return waitUntil(
    `trunk ${name}'s status`,
    async () => (await handlers['trunks.list']({}, ADMIN)).statuses.find((s) => s.name === name && accept(s)),
    timeoutMs,
    50,
  );
}
