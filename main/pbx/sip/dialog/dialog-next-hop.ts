import { BlockList, isIP } from 'node:net';
import { getParam } from '../message/params';
import { parseNameAddr } from '../message/name-addr';
import { isSipUri, parseUri, type Uri } from '../message/uri';
import type { SendTarget } from '../transaction/transaction-layer';
import { defaultPort } from '../transport/flow';
import type { DialogState } from './dialog';

/** Addresses a provider on the public Internet cannot be reached at: private, shared (CGNAT), loopback, link-local. */
const NON_PUBLIC = new BlockList();
for (const [net, bits] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16]] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['fc00::', 7], ['fe80::', 10], ['::1', 128]] as const) NON_PUBLIC.addSubnet(net, bits, 'ipv6');

function isPublic(address: string): boolean {
  return !NON_PUBLIC.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** The first Route's URI, else the remote target (§12.2.1.1: with a strict first route, that one is the Request-URI). */
function hopUri(state: Pick<DialogState, 'routeSet' | 'remoteTarget'>): Uri {
  const first = state.routeSet[0];
  return first === undefined ? parseUri(state.remoteTarget) : parseNameAddr(first).uri;
}

/**
 * Where a request inside a dialog with a server (a trunk) goes: the first
 * Route, else the remote target (RFC 3261 §12.2.1.1, §8.1.2), when its host is
 * an IP literal. A host name, or a private address named by a provider we
 * reach on a public one (a provider behind NAT, an SBC's inside address),
 * keeps the flow the dialog began on: that one is known to work.
 */
export function dialogNextHop(state: Pick<DialogState, 'routeSet' | 'remoteTarget'>, flow: SendTarget): SendTarget {
  let uri: Uri;
  try {
    uri = hopUri(state);
  } catch {
    return flow;
  }
  if (!isSipUri(uri) || isIP(uri.host) === 0) return flow;
  if (isPublic(flow.address) && !isPublic(uri.host)) return flow;
  const transport = getParam(uri.params, 'transport')?.value?.toLowerCase();
  const protocol = uri.scheme === 'sips' || transport === 'tls' ? 'tls' : transport === 'tcp' ? 'tcp' : transport === 'udp' || transport === undefined ? 'udp' : undefined;
  if (!protocol) return flow;
  const port = uri.port ?? defaultPort(protocol);
  if (protocol === flow.protocol && uri.host === flow.address && port === flow.port) return flow;
  return { protocol, address: uri.host, port };
}
