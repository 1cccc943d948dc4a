import { startProcess } from '../peers/child-process';

export interface CapturedDatagram {
  srcPort: number;
  dstPort: number;
}

export interface UdpCapture {
  /** Stops tshark (SIGINT, so it flushes) and returns what it saw, in order. Idempotent. */
  stop(): Promise<CapturedDatagram[]>;
}

/**
 * Counts UDP datagrams on loopback to and from `ports` with tshark: an
 * observer outside both the engine and the peers, so a count the relay
 * reports can be checked against what really crossed the wire. Needs the
 * capture rights SIPp's play_pcap_audio needs anyway (root, or dumpcap's
 * capabilities).
 */
export async function captureUdp(ports: readonly number[]): Promise<UdpCapture> {
  const filter = `udp and (${ports.map((p) => `port ${p}`).join(' or ')})`;
  const tshark = startProcess('tshark', ['-i', 'lo', '-n', '-l', '-f', filter, '-T', 'fields', '-e', 'udp.srcport', '-e', 'udp.dstport', '-E', 'separator=,']);
  await tshark.waitFor(/Capturing on/, 15_000).catch(async (error: unknown) => {
    await tshark.stop('SIGKILL');
    throw error;
  });
  let stopped: Promise<CapturedDatagram[]> | undefined;
  const stop = async () => {
    // The kernel hands packets to the capture asynchronously: let the last ones arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await tshark.stop('SIGINT');
    return [...tshark.output().matchAll(/^(\d+),(\d+)$/gm)].map((m) => ({ srcPort: Number(m[1]), dstPort: Number(m[2]) }));
  };
  return { stop: () => (stopped ??= stop()) };
}
