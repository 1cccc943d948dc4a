import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';

function bind(port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(undefined));
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}

/**
 * The first of `count` consecutive UDP ports on 127.0.0.1, free right now,
 * starting at an even number (RTP on even ports, RTCP on the next: RFC 3550 §11).
 * SIPp binds its media port and the one two above it, baresip a range.
 * The kernel picks the start among its ephemeral ports, which no one else
 * is using: no fixed range is safe here, since engines and benchmarks on
 * this machine bind whole RTP ranges of their own. Another program may
 * still take the ports before the caller binds them: callers retry when a
 * peer cannot bind.
 */
export async function freeUdpPorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = await bind(0);
    if (!probe) continue;
    const picked = probe.address().port;
    await new Promise<void>((done) => probe.close(() => done()));
    const base = picked - (picked % 2);
    if (base + count > 65536) continue;
    const sockets: Socket[] = [];
    for (let port = base; port < base + count; port++) {
      const socket = await bind(port);
      if (!socket) break;
      sockets.push(socket);
    }
    await Promise.all(sockets.map((s) => new Promise<void>((done) => s.close(() => done()))));
    if (sockets.length === count) return base;
  }
  throw new Error(`no ${count} consecutive free UDP ports on 127.0.0.1 after 50 attempts`);
}

/**
 * True once some process has bound this UDP port (how we know a peer is
 * listening). Reads /proc/net/udp rather than trying to bind the port, which
 * could steal it from the peer that is starting (Linux only, like the peers).
 */
export function udpPortBound(port: number): boolean {
  // local_address is "0100007F:13C4": the address and the port in hex.
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/udp', 'utf8')
    .split('\n')
    .some((line) => line.trim().split(/\s+/)[1]?.endsWith(suffix) === true);
}
