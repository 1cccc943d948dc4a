// RFC 4733 telephone-event payloads (§2.3): 4 bytes after the RTP header.
//   event (8) | E (1) R (1) volume (6) | duration (16, in RTP clock ticks)

import { RTP_HEADER_BYTES, writeRtpHeader, type RtpHeaderFields } from './rtp-header';

export const TELEPHONE_EVENT_BYTES = 4;
/** Event codes 0–15 are the DTMF digits, in this order (RFC 4733 §3.2, Table 7). */
const DTMF_DIGITS = '0123456789*#ABCD';
/** Volume 10 = −10 dBm0, the usual level for DTMF (RFC 4733 §2.3.4). */
export const DEFAULT_VOLUME = 10;
export const MAX_DURATION_TICKS = 0xffff;

export interface TelephoneEvent {
  event: number;
  end: boolean;
  /** 0–63, as −dBm0. */
  volume: number;
  /** In RTP clock ticks since the event began. */
  duration: number;
}

/** The event code of a DTMF digit (0-9 * # A-D, case-insensitive), or undefined. */
export function dtmfEventCode(digit: string): number | undefined {
  if (digit.length !== 1) return undefined;
  const code = DTMF_DIGITS.indexOf(digit.toUpperCase());
  return code < 0 ? undefined : code;
}

/** The digit of a DTMF event code; undefined for other events (flash, tones). */
export function dtmfDigit(event: number): string | undefined {
  return DTMF_DIGITS[event];
}

export function readTelephoneEvent(packet: Buffer, offset: number): TelephoneEvent | undefined {
  if (packet.length < offset + TELEPHONE_EVENT_BYTES) return undefined;
  const flags = packet[offset + 1]!;
  return { event: packet[offset]!, end: (flags & 0x80) !== 0, volume: flags & 0x3f, duration: packet.readUInt16BE(offset + 2) };
}

export function writeTelephoneEvent(packet: Buffer, offset: number, event: TelephoneEvent): void {
  packet[offset] = event.event;
  packet[offset + 1] = (event.end ? 0x80 : 0) | (event.volume & 0x3f);
  packet.writeUInt16BE(Math.min(event.duration, MAX_DURATION_TICKS), offset + 2);
}

/** One complete RTP packet carrying one event. */
export function buildTelephoneEventPacket(header: RtpHeaderFields, event: TelephoneEvent): Buffer {
  const packet = Buffer.alloc(RTP_HEADER_BYTES + TELEPHONE_EVENT_BYTES);
  writeRtpHeader(packet, header);
  writeTelephoneEvent(packet, RTP_HEADER_BYTES, event);
  return packet;
}
