// The RTP fixed header (RFC 3550 §5.1), read and patched in place. These run
// once per packet in the relay workers, so they only touch bytes.

export const RTP_HEADER_BYTES = 12;
/** An RTCP packet is at least its 8-byte header (RFC 3550 §6.4.2, an empty receiver report). */
export const RTCP_MIN_BYTES = 8;
const RTP_VERSION = 2;

/** True for RTP (and RTCP) version 2 with at least `minBytes`: the first two bits are the version. */
export function isVersion2(packet: Uint8Array, minBytes: number): boolean {
  return packet.length >= minBytes && packet[0]! >> 6 === RTP_VERSION;
}

export function isRtpV2(packet: Uint8Array): boolean {
  return isVersion2(packet, RTP_HEADER_BYTES);
}

export function payloadTypeOf(packet: Buffer): number {
  return packet[1]! & 0x7f;
}

export function markerOf(packet: Buffer): boolean {
  return (packet[1]! & 0x80) !== 0;
}

export function sequenceOf(packet: Buffer): number {
  return packet.readUInt16BE(2);
}

export function timestampOf(packet: Buffer): number {
  return packet.readUInt32BE(4);
}

export function ssrcOf(packet: Buffer): number {
  return packet.readUInt32BE(8);
}

/** Keeps the marker bit, replaces the 7-bit payload type. */
export function setPayloadType(packet: Buffer, payloadType: number): void {
  packet[1] = (packet[1]! & 0x80) | payloadType;
}

export function setSequence(packet: Buffer, sequence: number): void {
  packet.writeUInt16BE(sequence & 0xffff, 2);
}

/**
 * Where the payload starts: after the CSRC list and, when the X bit is set,
 * the header extension (RFC 3550 §5.3.1). Undefined when the packet is too
 * short to hold what its header announces.
 */
export function payloadOffsetOf(packet: Buffer): number | undefined {
  const csrcCount = packet[0]! & 0x0f;
  let offset = RTP_HEADER_BYTES + 4 * csrcCount;
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return undefined;
    offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  }
  return offset <= packet.length ? offset : undefined;
}

export interface RtpHeaderFields {
  marker: boolean;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
}

/** Writes a 12-byte header with no padding, extension or CSRCs at the start of `packet`. */
export function writeRtpHeader(packet: Buffer, fields: RtpHeaderFields): void {
  packet[0] = RTP_VERSION << 6;
  packet[1] = (fields.marker ? 0x80 : 0) | (fields.payloadType & 0x7f);
  packet.writeUInt16BE(fields.sequence & 0xffff, 2);
  packet.writeUInt32BE(fields.timestamp >>> 0, 4);
  packet.writeUInt32BE(fields.ssrc >>> 0, 8);
}
