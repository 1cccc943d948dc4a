// Starts a MediaRelay on the built worker (dist/main/media-relay-worker.js),
// as the engine runs it, and connects sessions to fake phones.

import { afterAll, beforeAll } from 'vitest';
import { existsSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MediaRelay, type MediaRelayOptions, type RelaySession } from '../../../../main/pbx/media/relay/media-relay';
import { UdpEndpoint } from './udp-endpoint';

const WORKER_FILE = join(import.meta.dirname, '..', '..', '..', '..', 'dist', 'main', 'media-relay-worker.js');

export function startTestRelay(options: Partial<MediaRelayOptions> = {}): Promise<MediaRelay> {
  if (!existsSync(WORKER_FILE)) throw new Error(`${WORKER_FILE} is missing: run \`node scripts/build.mjs\` first`);
  return MediaRelay.start({ bindAddress: '127.0.0.1', portRange: [40000, 59999], workers: 2, workerUrl: pathToFileURL(WORKER_FILE), ...options });
}

async function portIsFree(port: number, address: string): Promise<boolean> {
  const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
  const free = await new Promise<boolean>((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind(port, address, () => resolve(true));
  });
  if (free) await new Promise<void>((resolve) => socket.close(() => resolve()));
  return free;
}

/**
 * A range of `pairs` free port pairs at a random place, for tests that need an
 * exact number of pairs (other test files bind ports at the same time).
 */
export async function freePortRange(pairs: number, address = '127.0.0.1'): Promise<[number, number]> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const low = 2 * Math.floor((20000 + Math.random() * 40000) / 2);
    const ports = Array.from({ length: 2 * pairs }, (_, i) => low + i);
    const free = await Promise.all(ports.map((port) => portIsFree(port, address)));
    if (free.every(Boolean)) return [low, low + 2 * pairs - 1];
  }
  throw new Error(`no ${pairs} free port pairs found`);
}

export interface Call {
  session: RelaySession;
  phoneA: UdpEndpoint;
  phoneB: UdpEndpoint;
  close(): Promise<void>;
}

/** A session whose legs point at two fake phones (their SDP), forwarding PT 0 both ways unchanged. */
export async function openCall(relay: MediaRelay, address = '127.0.0.1'): Promise<Call> {
  const session = await relay.openSession();
  const [phoneA, phoneB] = await Promise.all([UdpEndpoint.open(address), UdpEndpoint.open(address)]);
  session.setRemote('a', { address, rtpPort: phoneA.port, rtcpPort: phoneA.port + 1 });
  session.setRemote('b', { address, rtpPort: phoneB.port, rtcpPort: phoneB.port + 1 });
  session.setPayloadMap('a', { 0: 0 });
  session.setPayloadMap('b', { 0: 0 });
  // A round trip: the worker has applied the settings above before the test sends.
  await session.stats();
  return {
    session,
    phoneA,
    phoneB,
    close: async () => {
      await Promise.all([session.close(), phoneA.close(), phoneB.close()]);
    },
  };
}

/**
 * One relay for the file, started before its tests and stopped (with every
 * call opened through `call()`) after them.
 */
export function useRelayForFile(): { call: () => Promise<Call> } {
  let relay: MediaRelay | undefined;
  const calls: Call[] = [];
  beforeAll(async () => {
    relay = await startTestRelay();
  });
  afterAll(async () => {
    await Promise.all(calls.map((c) => c.close()));
    await relay?.stop();
  });
  return {
    call: async () => {
      if (!relay) throw new Error('the relay is not started yet: call() only inside tests');
      const opened = await openCall(relay);
      calls.push(opened);
      return opened;
    },
  };
}
