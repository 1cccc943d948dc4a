import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

function bindTcp(port: number): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no TCP address'));
      resolve({ port: address.port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

function bindUdp(port: number): Promise<() => Promise<void>> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(() => new Promise((done) => socket.close(() => done()))));
  });
}

/**
 * A loopback port that is free for both UDP and TCP right now (SIP listens on
 * both with one number): the kernel picks a TCP port, and we keep it only if
 * UDP can bind it too. Another program may still take it before the caller
 * does; the window is a few milliseconds.
 */
export async function freeSipPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const tcp = await bindTcp(0);
    try {
      const closeUdp = await bindUdp(tcp.port);
      await closeUdp();
      return tcp.port;
    } catch {
      // UDP has that number in use: try another.
    } finally {
      await tcp.close();
    }
  }
  throw new Error('no port free for both UDP and TCP on 127.0.0.1 after 20 attempts');
}
