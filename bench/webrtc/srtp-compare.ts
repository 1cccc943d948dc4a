// Our SRTP (main/pbx/media/webrtc/srtp-context.ts) against werift's
// SrtpSession on the same packets, in this process, one after the other:
// microseconds per protect and per unprotect of a PCMU packet (12-byte
// header + 160 bytes), and what that costs a bridged call's WebRTC leg
// (50 packets each way per second) in % of one core. run.mjs bundles this.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { RtpPacket, SrtpSession } from 'werift';
import { writeRtpHeader } from '../../main/pbx/media/relay/rtp-header';
import { SrtpContext } from '../../main/pbx/media/webrtc/srtp-context';

const PACKETS = 20_000;
const ROUNDS = 5;
const PACKETS_PER_SECOND_EACH_WAY = 50;

export interface SrtpCost {
  protectUs: number;
  unprotectUs: number;
  /** One WebRTC leg of a bridged call: 50 protects + 50 unprotects per second, % of one core. */
  perCallPercent: number;
}

function packets(): Buffer[] {
  return Array.from({ length: PACKETS }, (_, i) => {
    const packet = randomBytes(172);
    writeRtpHeader(packet, { marker: false, payloadType: 0, sequence: i & 0xffff, timestamp: i * 160, ssrc: 0x1234 });
    return packet;
  });
}

/**
 * Protects then unprotects every packet with fresh contexts, ROUNDS times;
 * the best round (the least disturbed by other programs) in µs per packet.
 */
function best(protect: () => (packet: Buffer) => Buffer, unprotect: () => (packet: Buffer) => unknown, plain: Buffer[]): [number, number] {
  let fastest: [number, number] = [Infinity, Infinity];
  for (let round = 0; round < ROUNDS; round++) {
    const send = protect();
    const receive = unprotect();
    const started = performance.now();
    const secured = plain.map(send);
    const protectedAt = performance.now();
    for (const packet of secured) receive(packet);
    const done = performance.now();
    fastest = [Math.min(fastest[0], ((protectedAt - started) * 1000) / PACKETS), Math.min(fastest[1], ((done - protectedAt) * 1000) / PACKETS)];
  }
  return fastest;
}

const cost = (protectUs: number, unprotectUs: number): SrtpCost => ({ protectUs, unprotectUs, perCallPercent: ((protectUs + unprotectUs) * PACKETS_PER_SECOND_EACH_WAY) / 1e4 });

export function compareSrtp(): { ours: SrtpCost; werift: SrtpCost } {
  const master = { key: randomBytes(16), salt: randomBytes(14) };
  const plain = packets();

  const ours = best(
    () => {
      const context = new SrtpContext(master);
      return (packet) => context.protect(packet)!;
    },
    () => {
      const context = new SrtpContext(master);
      return (packet) => context.unprotect(packet);
    },
    plain,
  );
  const config = { keys: { localMasterKey: master.key, localMasterSalt: master.salt, remoteMasterKey: master.key, remoteMasterSalt: master.salt }, profile: 1 as const };
  const werift = best(
    () => {
      const session = new SrtpSession(config);
      // werift takes a parsed packet, as its RTCPeerConnection hands it one.
      return (packet) => {
        const { header, payload } = RtpPacket.deSerialize(packet);
        return session.encrypt(payload, header);
      };
    },
    () => {
      const session = new SrtpSession(config);
      return (packet) => session.decrypt(packet);
    },
    plain,
  );
  return { ours: cost(...ours), werift: cost(...werift) };
}
