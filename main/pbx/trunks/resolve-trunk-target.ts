import { lookup, resolveSrv } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Trunk } from '../../../shared/trunks';
import type { SendTarget } from '../sip/transaction/transaction-layer';
import { defaultPort } from '../sip/transport/flow';

export interface ResolvedTrunk {
  target: SendTarget;
  /** Every address the server name has, to recognise calls it sends us. */
  addresses: string[];
}

const SRV_PREFIX: Record<Trunk['transport'], string> = { udp: '_sip._udp', tcp: '_sip._tcp', tls: '_sips._tcp' };

/**
 * Where a trunk's requests go (RFC 3263 §4.2, without NAPTR): an IP literal
 * as given; a name with an explicit non-default port by A/AAAA; otherwise SRV
 * first (lowest priority, weighted pick), then A/AAAA on the configured port.
 */
export async function resolveTrunkTarget(trunk: Pick<Trunk, 'server' | 'port' | 'transport'>): Promise<ResolvedTrunk> {
  const host = trunk.server.replace(/^\[|\]$/g, '');
  if (isIP(host)) return { target: { protocol: trunk.transport, address: host, port: trunk.port }, addresses: [host] };
  if (trunk.port === defaultPort(trunk.transport)) {
    const records = await resolveSrv(`${SRV_PREFIX[trunk.transport]}.${host}`).catch(() => []);
    if (records.length > 0) {
      const best = Math.min(...records.map((r) => r.priority));
      const candidates = records.filter((r) => r.priority === best);
      const total = candidates.reduce((n, r) => n + r.weight, 0);
      let pick = Math.random() * total;
      const chosen = candidates.find((r) => (pick -= r.weight) < 0) ?? (candidates[0] as (typeof candidates)[number]);
      const addresses = (await lookup(chosen.name, { all: true })).map((a) => a.address);
      const address = addresses[0];
      if (address) return { target: { protocol: trunk.transport, address, port: chosen.port }, addresses };
    }
  }
  const addresses = (await lookup(host, { all: true })).map((a) => a.address);
  const address = addresses[0];
  if (!address) throw new Error(`${host} has no address`);
  return { target: { protocol: trunk.transport, address, port: trunk.port }, addresses };
}
