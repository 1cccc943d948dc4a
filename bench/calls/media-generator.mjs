// The media of both ends of every bench call, in one process: per call a
// caller phone and a callee phone (UDP sockets on 127.0.0.1), each sending
// G.711 µ-law RTP (12-byte header + 160 bytes, PT 0) every 20 ms and
// receiving the other end's. Calls are spread evenly over the 20 ms frame.
// Each payload carries its stream's id, its send time (performance.now(): one
// process, one clock at both ends) and the index of the sending phone
// (rtp-payload.mjs), so the receiver measures one-way latency end to end,
// this process's own delays included (relay-capture.mjs measures the server
// alone). Which callee phone a caller phone reaches is up to
// the server (the SIPp UAS hands out callee ports in the order INVITEs
// arrive), so each phone latches on the first sender it hears and counts
// packets from any other sender as misrouted. Each phone's socket is
// connect()ed to the address it sends to, so it accepts only packets from
// there: symmetric RTP, as both relays latch.
// Driven by media-step.mjs over IPC:
//   → { type: 'open', calls }                 ← { type: 'ports', caller: [port…], callee: [port…] }
//   → { type: 'stream', runId, caller: [dest…], callee: [dest…], warmupMs, measureMs }
//                                             ← { type: 'window', edge: 'start' | 'end' } (CPU sampling)
//                                             ← { type: 'result', from, to, measureMs, sent, received, misrouted, latencyUs: {p50,p99,max} }
//   → { type: 'close' }                       ← { type: 'closed' }
// Only packets sent inside the measuring window count, for loss and latency.
import { createSocket } from 'node:dgram';
import { createHistogram, performance } from 'node:perf_hooks';
import { PAYLOAD, RTP_PACKET_BYTES } from './rtp-payload.mjs';

const FRAME_MS = 20;
const SAMPLES_PER_FRAME = 160; // 8 kHz × 20 ms
const TICK_MS = 1;
const DRAIN_MS = 500;

/** phones[2i] is call i's caller side, phones[2i + 1] its callee side. */
let phones = [];
let run;

const reply = (message) => process.send(message);

function bindPhone(index) {
  const socket = createSocket({ type: 'udp4', recvBufferSize: 1 << 20 });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.on('message', (packet) => onPacket(index, packet));
      resolve(socket);
    });
  });
}

function onPacket(index, packet) {
  const now = performance.now();
  if (!run || packet.length !== RTP_PACKET_BYTES || packet.readUInt32BE(PAYLOAD.run) !== run.id) return;
  const source = packet.readUInt32BE(PAYLOAD.source);
  run.peers[index] ??= source;
  const sentAt = packet.readDoubleBE(PAYLOAD.sentAt);
  if (sentAt < run.from || sentAt >= run.to) return;
  if (run.peers[index] !== source) {
    run.misrouted++;
    return;
  }
  run.received++;
  run.latencyUs.record(Math.max(1, Math.round((now - sentAt) * 1000)));
}

async function open(calls) {
  phones = await Promise.all(Array.from({ length: 2 * calls }, (_, i) => bindPhone(i)));
  const port = (socket) => socket.address().port;
  reply({ type: 'ports', caller: phones.filter((_, i) => i % 2 === 0).map(port), callee: phones.filter((_, i) => i % 2 === 1).map(port) });
}

const connect = (socket, port) =>
  new Promise((resolve) => {
    try {
      socket.disconnect();
    } catch {
      // not connected yet (ERR_SOCKET_DGRAM_NOT_CONNECTED)
    }
    socket.connect(port, '127.0.0.1', resolve);
  });

async function stream({ runId, caller, callee, warmupMs, measureMs }) {
  const destinations = phones.map((_, i) => (i % 2 === 0 ? caller[i / 2] : callee[(i - 1) / 2]));
  await Promise.all(phones.map((socket, i) => connect(socket, destinations[i])));
  const packets = phones.map((_, i) => {
    const packet = Buffer.alloc(RTP_PACKET_BYTES, 0xff);
    packet.writeUInt16BE(0x8000, 0); // RTP version 2, no padding/extension/CSRC, marker 0, PT 0 (PCMU)
    packet.writeUInt32BE((0x5a000000 + i) >>> 0, 8); // SSRC
    packet.writeUInt32BE(runId, PAYLOAD.run);
    packet.writeUInt32BE(i, PAYLOAD.source);
    return packet;
  });
  const calls = phones.length / 2;
  const started = performance.now();
  run = { id: runId, from: started + warmupMs, to: started + warmupMs + measureMs, peers: [], received: 0, misrouted: 0, latencyUs: createHistogram() };
  let slot = 0; // slot k: call k % calls in frame ⌊k / calls⌋
  let sent = 0;
  let windowStarted = false;
  const tick = () => {
    const now = performance.now();
    if (!windowStarted && now >= run.from) {
      windowStarted = true;
      reply({ type: 'window', edge: 'start' });
    }
    const due = Math.floor(((Math.min(now, run.to) - started) / FRAME_MS) * calls);
    for (; slot < due; slot++) {
      const call = slot % calls;
      const frame = Math.floor(slot / calls);
      for (const phone of [2 * call, 2 * call + 1]) {
        const packet = packets[phone];
        packet.writeUInt16BE(frame & 0xffff, 2);
        packet.writeUInt32BE((frame * SAMPLES_PER_FRAME) >>> 0, 4);
        const sentAt = performance.now();
        packet.writeDoubleBE(sentAt, PAYLOAD.sentAt);
        phones[phone].send(packet);
        if (sentAt >= run.from && sentAt < run.to) sent++;
      }
    }
    if (now < run.to) return void setTimeout(tick, TICK_MS);
    reply({ type: 'window', edge: 'end' });
    setTimeout(() => {
      const { from, to, received, misrouted, latencyUs } = run;
      reply({ type: 'result', from, to, measureMs, sent, received, misrouted, latencyUs: { p50: latencyUs.percentile(50), p99: latencyUs.percentile(99), max: latencyUs.max } });
    }, DRAIN_MS);
  };
  tick();
}

async function close() {
  await Promise.all(phones.map((socket) => new Promise((resolve) => socket.close(resolve))));
  phones = [];
  reply({ type: 'closed' });
}

process.on('message', (message) => {
  const handlers = { open: () => open(message.calls), stream: () => stream(message), close };
  handlers[message.type]?.().catch((error) => reply({ type: 'error', message: error.stack ?? String(error) }));
});
process.once('disconnect', () => process.exit(0));
reply({ type: 'ready' });
