// RFC 7983 §7 first-byte ranges and RFC 5761 §4 RTP/RTCP by the second byte.
import { describe, expect, it } from 'vitest';
import { classifyPacket, PacketKind } from '../../../main/pbx/media/webrtc/packet-demux';

const packet = (...bytes: number[]) => Uint8Array.from(bytes);

describe('demultiplexing one WebRTC port', () => {
  it('tells STUN (0–3), DTLS (20–63) and RTP/RTCP (128–191) apart by the first byte, at both ends of each range', () => {
    expect([0, 3].map((b) => classifyPacket(packet(b, 1)))).toEqual([PacketKind.stun, PacketKind.stun]);
    expect([20, 22, 63].map((b) => classifyPacket(packet(b, 0xfe)))).toEqual([PacketKind.dtls, PacketKind.dtls, PacketKind.dtls]);
    expect([128, 191].map((b) => classifyPacket(packet(b, 0)))).toEqual([PacketKind.rtp, PacketKind.rtp]);
  });

  it('takes packet types 192–223 as RTCP (SR 200, RR 201, …) and any other second byte as RTP, marker bit or not', () => {
    expect([192, 200, 201, 206, 223].map((b) => classifyPacket(packet(0x80, b)))).toEqual(Array(5).fill(PacketKind.rtcp));
    // PCMU, Opus (111), and both with the marker bit (0x80 | pt): 0x80, 0xef, 0xe0 and 0x00 are RTP.
    expect([0x00, 0x6f, 0x80, 0xef, 0xe0, 191].map((b) => classifyPacket(packet(0x80, b)))).toEqual(Array(6).fill(PacketKind.rtp));
  });

  it('gives everything else (ZRTP 16–19, TURN channels 64–79, empty or one-byte packets) no kind', () => {
    expect([4, 16, 19, 64, 79, 127, 192, 255].map((b) => classifyPacket(packet(b, 0)))).toEqual(Array(8).fill(PacketKind.other));
    expect([classifyPacket(packet()), classifyPacket(packet(0x80))]).toEqual([PacketKind.other, PacketKind.other]);
  });
});
