// Binds one leg's RTP and RTCP sockets (RTCP = RTP + 1, RFC 3550 §11) in a
// relay worker. Runs in the worker thread that owns the sockets.

import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';

export type DatagramHandler = (packet: Buffer, source: RemoteInfo) => void;

export interface UdpPortPair {
  rtp: Socket;
  rtcp: Socket;
}

type LookupCallback = (error: Error | null, address: string, family: number) => void;

/**
 * Relay sockets only ever send to IP literals (from SDP or a packet's source),
 * so no name is resolved: answering at once also skips dgram's dns.lookup hop
 * per datagram. A dual-stack IPv6 socket reaches IPv4 peers as ::ffff:a.b.c.d.
 */
function literalLookup(ipv6Socket: boolean) {
  return (address: string, _family: unknown, callback: LookupCallback): void => {
    if (ipv6Socket) callback(null, isIPv4(address) ? `::ffff:${address}` : address, 6);
    else callback(null, address, 4);
  };
}

function bindSocket(address: string, port: number, onDatagram: DatagramHandler, onSendError: () => void): Promise<Socket> {
  const ipv6 = isIPv6(address);
  const socket = createSocket({ type: ipv6 ? 'udp6' : 'udp4', lookup: literalLookup(ipv6) as never });
  return new Promise((resolve, reject) => {
    // A failed bind leaves libuv's socket open on the handle: closing it keeps a
    // relay that skips taken ports from leaking one descriptor per port tried.
    const failed = (error: Error) => socket.close(() => reject(error));
    socket.once('error', failed);
    socket.bind({ address, port, exclusive: true }, () => {
      socket.off('error', failed);
      // After bind, the only errors are failed sends (e.g. an IPv6 peer on an IPv4 socket): counted, never fatal.
      socket.on('error', onSendError);
      socket.on('message', onDatagram);
      resolve(socket);
    });
  });
}

export function closeSocket(socket: Socket | undefined): Promise<void> {
  return new Promise((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
}

/** Both sockets or neither: when RTCP cannot bind, the RTP socket is closed again and the error (e.g. EADDRINUSE) rethrown. */
export async function bindPortPair(
  address: string,
  rtpPort: number,
  handlers: { rtp: DatagramHandler; rtcp: DatagramHandler; sendError: () => void },
): Promise<UdpPortPair> {
  const rtp = await bindSocket(address, rtpPort, handlers.rtp, handlers.sendError);
  try {
    const rtcp = await bindSocket(address, rtpPort + 1, handlers.rtcp, handlers.sendError);
    return { rtp, rtcp };
  } catch (error) {
    await closeSocket(rtp);
    throw error;
  }
}
