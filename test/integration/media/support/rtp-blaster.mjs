// A load generator in its own process, so that the test process's main thread
// does nothing but measure itself. Fake phones: two UDP sockets per session;
// each sends 172-byte RTP packets to its relay leg at a fixed rate and counts
// what comes back. Protocol over IPC:
//   ← { ports: [[a, b], ...] }            after binding
//   → { targets: [[aRelayPort, bRelayPort], ...], packetsPerSecond, durationMs }
//   ← { sent, received }                  when done (then it exits)
import { createSocket } from 'node:dgram';

const sessions = Number(process.argv[2]);
const TICK_MS = 5;
const DRAIN_MS = 300;

function bind() {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve(socket));
  });
}

const phones = await Promise.all(Array.from({ length: 2 * sessions }, bind));
let received = 0;
for (const socket of phones) socket.on('message', () => received++);
process.send({ ports: Array.from({ length: sessions }, (_, i) => [phones[2 * i].address().port, phones[2 * i + 1].address().port]) });

process.once('message', ({ targets, packetsPerSecond, durationMs }) => {
  const templates = phones.map((_, i) => {
    const packet = Buffer.alloc(172, 0xd5);
    packet.writeUInt16BE(0x8000, 0); // version 2, PT 0 (PCMU)
    packet.writeUInt32BE(0x10000 + i, 8);
    return packet;
  });
  const destinations = targets.flat();
  let sequence = 0;
  let sent = 0;
  const started = Date.now();
  const tick = () => {
    const elapsed = Date.now() - started;
    const due = Math.min(Math.floor((elapsed * packetsPerSecond) / 1000), Math.floor((durationMs * packetsPerSecond) / 1000));
    for (; sequence < due; sequence++) {
      for (let i = 0; i < phones.length; i++) {
        // A new buffer per send: dgram may queue it, and a reused one would be rewritten before it leaves.
        const packet = Buffer.from(templates[i]);
        packet.writeUInt16BE(sequence & 0xffff, 2);
        packet.writeUInt32BE((sequence * 160) >>> 0, 4);
        phones[i].send(packet, destinations[i], '127.0.0.1');
        sent++;
      }
    }
    if (elapsed < durationMs) return setTimeout(tick, TICK_MS);
    setTimeout(() => {
      process.send({ sent, received }, () => process.exit(0));
    }, DRAIN_MS);
  };
  tick();
});
