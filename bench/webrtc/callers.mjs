// The calling endpoints of the bench, in their own process, calling through
// the engine over SIP (UDP, sip-caller.mjs), each sending 50 PCMU-sized
// packets per second to the echoing phone on the other side. Two kinds, so
// one run compares the WebRTC bridge with a plain one in the same harness:
//   webrtc: werift RTCPeerConnections (real ICE, DTLS and SRTP; a WebRTC offer)
//   rtp:    a UDP socket with a plain RTP/AVP offer (what a SIP phone does)
// Driven by run.mjs over IPC:
//   → { type: 'connect', kind, calls, serverPort, user, password, target }
//                                   ← { type: 'connected', ringingMs: [...], answeredMs: [...], mediaMs: [...] }
//   → { type: 'measure', warmupMs, measureMs }   ← { type: 'measured', sent, received }
//   → { type: 'hangup' }                         ← { type: 'closed' }
// Each payload carries the call's index and the window it was sent in, so
// only echoes of packets sent while measuring are counted.
import { performance } from 'node:perf_hooks';
import { openSipCaller } from './sip-caller.mjs';
import { openPlainEndpoint, openWebRtcEndpoint } from './endpoints.mjs';

const FRAME_MS = 20;
const PAYLOAD_BYTES = 160;
const CALL_SPACING_MS = 50;
/** Payloads carry the window they were sent in: 1 warm-up, 2 measuring, 3 after. */
const MEASURING = 2;

let caller;
let calls = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const reply = (message) => process.send(message);

async function placeCall(index, kind, target) {
  const endpoint = kind === 'webrtc' ? await openWebRtcEndpoint() : await openPlainEndpoint();
  const call = { index, endpoint, received: 0, sent: 0, sip: undefined };
  endpoint.onPayload((payload) => {
    if (payload.length === PAYLOAD_BYTES && payload.readUInt32BE(0) === index && payload.readUInt32BE(4) === MEASURING) call.received++;
  });
  const sip = await caller.call(target, endpoint.offer);
  const answeredAt = performance.now();
  await endpoint.connect(sip.answer);
  call.sip = sip;
  return { call, ringingMs: sip.ringingMs, answeredMs: sip.answeredMs, mediaMs: performance.now() - answeredAt };
}

async function connect({ kind, calls: count, serverPort, user, password, target }) {
  caller = await openSipCaller({ serverPort, user, password });
  const placed = await Promise.all(Array.from({ length: count }, (_, i) => sleep(i * CALL_SPACING_MS).then(() => placeCall(i, kind, target))));
  calls = placed.map((p) => p.call);
  reply({ type: 'connected', ringingMs: placed.map((p) => p.ringingMs), answeredMs: placed.map((p) => p.answeredMs), mediaMs: placed.map((p) => p.mediaMs) });
}

/** 20 ms PCMU-sized packets from every call, spread over the frame. */
async function measure({ warmupMs, measureMs }) {
  let window = 1;
  const timers = calls.map((call, i) => {
    const send = () => {
      const payload = Buffer.alloc(PAYLOAD_BYTES, 0xff);
      payload.writeUInt32BE(call.index, 0);
      payload.writeUInt32BE(window, 4);
      if (window === MEASURING) call.sent++;
      call.endpoint.send(payload);
    };
    return setTimeout(() => {
      send();
      timers[i] = setInterval(send, FRAME_MS);
    }, (i * FRAME_MS) / calls.length);
  });
  await sleep(warmupMs);
  window = MEASURING;
  await sleep(measureMs);
  window = MEASURING + 1;
  // Let the last echoes of the window come back.
  await sleep(300);
  timers.forEach((timer) => clearInterval(timer));
  reply({ type: 'measured', sent: calls.reduce((s, c) => s + c.sent, 0), received: calls.reduce((s, c) => s + c.received, 0) });
}

async function hangup() {
  for (const call of calls) call.sip?.bye();
  await Promise.all(calls.map((call) => call.endpoint.close()));
  calls = [];
  await caller?.close();
  caller = undefined;
  reply({ type: 'closed' });
}

process.on('message', (command) => {
  const handler = { connect, measure, hangup }[command.type];
  handler(command).catch((error) => {
    console.error(`callers: ${command.type} failed: ${error.stack ?? error}`);
    process.exit(1);
  });
});
process.once('disconnect', () => process.exit(0));
reply({ type: 'ready' });
