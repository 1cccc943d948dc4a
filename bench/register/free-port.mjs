// Finds loopback ports nobody listens on, so the bench runs beside other
// people's servers and SIPp instances. The port is released before use, so
// another program could take it in between; the caller's start-up then fails loudly.
import dgram from 'node:dgram';
import net from 'node:net';

function bindUdp(port, address) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(undefined));
    socket.bind(port, address, () => resolve(socket));
  });
}

function listenTcp(port, address) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, address, () => resolve(server));
  });
}

const close = (handle) => new Promise((resolve) => handle.close(() => resolve()));

/**
 * A port P such that every (protocol, P + offset) is free on `address`.
 * SIPp's media socket needs P and P + 2, a SIP server needs UDP and TCP.
 */
export async function findFreePort({ protocols = ['udp'], offsets = [0], address = '127.0.0.1' } = {}) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = await bindUdp(0, address);
    const base = probe.address().port;
    await close(probe);
    if (base + Math.max(...offsets) > 65535) continue;
    const held = [];
    let free = true;
    for (const offset of offsets) {
      for (const protocol of protocols) {
        const handle = protocol === 'udp' ? await bindUdp(base + offset, address) : await listenTcp(base + offset, address);
        if (!handle) free = false;
        else held.push(handle);
      }
    }
    await Promise.all(held.map(close));
    if (free) return base;
  }
  throw new Error(`No free ${protocols.join('+')} port on ${address} after 50 attempts.`);
}
