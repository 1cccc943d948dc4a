// Simulated G.711 calls, in their own process: per call two fake phones (UDP
// sockets), each sending 172-byte RTP packets (12-byte header + 160-byte
// payload) every 20 ms and receiving the other's. Calls are spread evenly over
// the 20 ms frame, as real calls start at random moments. Each payload carries
// its send time (performance.now(), same process, same clock at both ends), so
// the receiving phone measures one-way latency. Driven by run.mjs over IPC:
//   → { type: 'setup', calls }                                ← { type: 'ports', ports: [[a, b], ...] }
//   → { type: 'run', targets: [[aTo, bTo], ...], warmupMs, measureMs }
//                                                             ← { type: 'result', sent, received, p50Ms, p99Ms, maxMs }
//   → { type: 'teardown' }                                    ← { type: 'closed' }
// Only packets sent inside the measuring window count, for loss and latency.
import { createSocket } from 'node:dgram';
import { createHistogram, performance } from 'node:perf_hooks';

const FRAME_MS = 20;
const PACKET_BYTES = 12 + 160;
const TICK_MS = 1;
const DRAIN_MS = 500;
// Payload layout after the 12-byte RTP header.
const RUN_OFFSET = 12;
const SENT_AT_OFFSET = 16;

let phones = [];
let run = { id: 0, from: Infinity, to: -Infinity, received: 0, latencyUs: createHistogram() };

const reply = (message) => process.send(message);

function bindPhone() {
  const socket = createSocket({ type: 'udp4', recvBufferSize: 1 << 20 });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.on('message', onPacket);
      resolve(socket);
    });
  });
}

function onPacket(packet) {
  const now = performance.now();
  if (packet.length !== PACKET_BYTES || packet.readUInt32BE(RUN_OFFSET) !== run.id) return;
  const sentAt = packet.readDoubleBE(SENT_AT_OFFSET);
  if (sentAt < run.from || sentAt >= run.to) return;
  run.received++;
  run.latencyUs.record(Math.max(1, Math.round((now - sentAt) * 1000)));
}

async function setup(calls) {
  phones = await Promise.all(Array.from({ length: 2 * calls }, bindPhone));
  reply({ type: 'ports', ports: Array.from({ length: calls }, (_, i) => [phones[2 * i].address().port, phones[2 * i + 1].address().port]) });
}

function start({ targets, warmupMs, measureMs }) {
  const calls = targets.length;
  const destinations = targets.flat();
  const templates = phones.map((_, i) => {
    const packet = Buffer.alloc(PACKET_BYTES, 0xd5); // 0xd5: PCMU silence
    packet.writeUInt16BE(0x8000, 0); // RTP version 2, PT 0 (PCMU)
    packet.writeUInt32BE(0x5500_0000 + i, 8); // SSRC
    return packet;
  });
  const started = performance.now();
  run = { id: run.id + 1, from: started + warmupMs, to: started + warmupMs + measureMs, received: 0, latencyUs: createHistogram() };
  for (const packet of templates) packet.writeUInt32BE(run.id, RUN_OFFSET);
  let slot = 0; // call slots served so far: slot k is call k % calls in frame k / calls
  let sent = 0;
  const tick = () => {
    const now = performance.now();
    const due = Math.floor(((Math.min(now, run.to) - started) / FRAME_MS) * calls);
    for (; slot < due; slot++) {
      const call = slot % calls;
      const frame = Math.floor(slot / calls);
      for (const phone of [2 * call, 2 * call + 1]) {
        // A new buffer per send: dgram may queue it, and a reused one would be rewritten before it leaves.
        const packet = Buffer.from(templates[phone]);
        packet.writeUInt16BE(frame & 0xffff, 2);
        packet.writeUInt32BE((frame * 160) >>> 0, 4);
        const sentAt = performance.now();
        packet.writeDoubleBE(sentAt, SENT_AT_OFFSET);
        phones[phone].send(packet, destinations[phone], '127.0.0.1');
        if (sentAt >= run.from && sentAt < run.to) sent++;
      }
    }
    if (now < run.to) return setTimeout(tick, TICK_MS);
    setTimeout(() => {
      const { latencyUs } = run;
      reply({
        type: 'result',
        sent,
        received: run.received,
        p50Ms: latencyUs.percentile(50) / 1000,
        p99Ms: latencyUs.percentile(99) / 1000,
        maxMs: latencyUs.max / 1000,
      });
    }, DRAIN_MS);
  };
  tick();
}

async function teardown() {
  await Promise.all(phones.map((socket) => new Promise((resolve) => socket.close(resolve))));
  phones = [];
  reply({ type: 'closed' });
}

process.on('message', (message) => {
  if (message.type === 'setup') setup(message.calls);
  else if (message.type === 'run') start(message);
  else if (message.type === 'teardown') teardown();
});
process.once('disconnect', () => process.exit(0));
reply({ type: 'ready' });
