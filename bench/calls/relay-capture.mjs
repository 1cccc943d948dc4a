// Time through the relay, from the kernel's clock rather than the generator's:
// dumpcap captures on lo a sample of the bench's RTP (the packets of the
// first phones, picked by a BPF filter on the payload, so capturing costs
// little), and each sampled packet is seen twice: generator → relay, then
// relay → generator, payload unchanged. The difference of the two capture
// timestamps is the time the packet spent in the server (socket queue,
// relay work, send), independent of how late the generator's event loop
// runs. Timestamps are microseconds (pcap).
import { readFileSync } from 'node:fs';
import { createHistogram } from 'node:perf_hooks';
import { startTracked, stopTracked, waitForLine } from '../register/child-processes.mjs';
import { PAYLOAD } from './rtp-payload.mjs';

const START_TIMEOUT_MS = 10_000;
const SNAP_BYTES = 96; // link + IPv4 + UDP headers + RTP header + the bench's payload fields
const LINK_HEADER_BYTES = { 0: 4, 1: 14, 113: 16, 276: 20 }; // BSD loopback, Ethernet (Linux lo), SLL, SLL2

/**
 * Starts dumpcap for RTP packets of stream `runId` sent by phones 0…`phones`-1
 * (BPF: udp[8 + offset] reads the UDP payload, here the RTP packet).
 */
export async function startRelayCapture({ file, runId, phones, seconds }) {
  const filter = `udp and udp[${8 + PAYLOAD.run}:4] = ${runId} and udp[${8 + PAYLOAD.source}:4] < ${phones}`;
  const handle = startTracked('dumpcap', ['-i', 'lo', '-P', '-s', String(SNAP_BYTES), '-B', '16', '-f', filter, '-w', file, '-a', `duration:${Math.ceil(seconds)}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  handle.child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  try {
    await waitForLine(handle.child.stderr, /Capturing on/, { exited: handle.exited, timeoutMs: START_TIMEOUT_MS, what: 'dumpcap' });
  } catch (error) {
    await stopTracked(handle, 1000);
    throw new Error(`${error.message}: ${stderr.trim()}`, { cause: error });
  }
  return {
    /** Waits for dumpcap's own stop (-a duration), then reads the capture. */
    async finish({ from, to }) {
      const exit = await Promise.race([handle.exited, new Promise((resolve) => setTimeout(resolve, (seconds + 5) * 1000))]);
      if (!exit) await stopTracked(handle, 1000);
      return transitTimes(readFileSync(file), { from, to });
    },
    stop: () => stopTracked(handle, 1000),
  };
}

/** Pairs the two sightings of each packet sent inside [from, to) (the generator's clock) and returns their spacing. */
function transitTimes(pcap, { from, to }) {
  const magic = pcap.readUInt32LE(0);
  if (magic !== 0xa1b2c3d4) throw new Error(`not a little-endian microsecond pcap file (magic ${magic.toString(16)})`);
  const linkBytes = LINK_HEADER_BYTES[pcap.readUInt32LE(20)];
  if (linkBytes === undefined) throw new Error(`unexpected pcap link type ${pcap.readUInt32LE(20)}`);
  const firstSeen = new Map();
  const transitUs = createHistogram();
  let paired = 0;
  for (let offset = 24; offset + 16 <= pcap.length; ) {
    const atUs = pcap.readUInt32LE(offset) * 1e6 + pcap.readUInt32LE(offset + 4);
    const captured = pcap.readUInt32LE(offset + 8);
    const frame = pcap.subarray(offset + 16, offset + 16 + captured);
    offset += 16 + captured;
    const ip = linkBytes;
    const rtp = ip + (frame[ip] & 0x0f) * 4 + 8;
    if (frame.length < rtp + PAYLOAD.end) continue;
    const sentAt = frame.readDoubleBE(rtp + PAYLOAD.sentAt);
    if (sentAt < from || sentAt >= to) continue;
    const key = `${frame.readUInt32BE(rtp + PAYLOAD.source)}/${sentAt}`;
    const first = firstSeen.get(key);
    if (first === undefined) {
      firstSeen.set(key, atUs);
      continue;
    }
    firstSeen.delete(key);
    paired++;
    transitUs.record(Math.max(1, atUs - first));
  }
  return {
    packets: paired,
    unpaired: firstSeen.size,
    p50Ms: paired ? transitUs.percentile(50) / 1000 : null,
    p99Ms: paired ? transitUs.percentile(99) / 1000 : null,
    maxMs: paired ? transitUs.max / 1000 : null,
  };
}
