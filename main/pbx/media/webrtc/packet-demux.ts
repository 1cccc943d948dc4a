// What arrives on a WebRTC leg's one port (RFC 7983 §7): the first byte tells
// STUN (0–3), DTLS (20–63) and RTP/RTCP (128–191) apart; with rtcp-mux the
// second byte tells RTCP, whose packet types 192–223 are payload types
// 64–95 with the marker bit, which RTP avoids (RFC 5761 §4).

export const PacketKind = {
  stun: 0,
  dtls: 1,
  rtp: 2,
  rtcp: 3,
  other: 4,
} as const;
export type PacketKind = (typeof PacketKind)[keyof typeof PacketKind];

export function classifyPacket(packet: Uint8Array): PacketKind {
  const first = packet[0];
  if (first === undefined) return PacketKind.other;
  if (first <= 3) return PacketKind.stun;
  if (first >= 20 && first <= 63) return PacketKind.dtls;
  if (first >= 128 && first <= 191 && packet.length >= 2) {
    const second = packet[1]!;
    return second >= 192 && second <= 223 ? PacketKind.rtcp : PacketKind.rtp;
  }
  return PacketKind.other;
}
