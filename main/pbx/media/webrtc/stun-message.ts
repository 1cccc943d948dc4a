// STUN messages (RFC 8489) as ICE uses them: the 20-byte header with the
// magic cookie, TLV attributes padded to 4 bytes, MESSAGE-INTEGRITY
// (HMAC-SHA1, short-term credentials) and FINGERPRINT (CRC-32).

import { createHmac } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { crc32 } from 'node:zlib';

const HEADER_BYTES = 20;
const MAGIC_COOKIE = 0x2112a442;
const FINGERPRINT_XOR = 0x5354554e;
const INTEGRITY_BYTES = 20;

export const MessageType = {
  bindingRequest: 0x0001,
  bindingSuccess: 0x0101,
  bindingError: 0x0111,
} as const;

export const Attribute = {
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  xorMappedAddress: 0x0020,
  priority: 0x0024,
  useCandidate: 0x0025,
  software: 0x8022,
  fingerprint: 0x8028,
  iceControlled: 0x8029,
  iceControlling: 0x802a,
} as const;

export interface StunMessage {
  type: number;
  transactionId: Buffer;
  /** Each attribute's value (the first of a type: RFC 8489 §14 ignores later duplicates). */
  attributes: Map<number, Buffer>;
  /** Where MESSAGE-INTEGRITY and FINGERPRINT start, to check them. */
  integrityAt: number | undefined;
  fingerprintAt: number | undefined;
  raw: Buffer;
}

const padded = (length: number) => (length + 3) & ~3;

/**
 * Parses a STUN message, or undefined when it is not one: the top two bits
 * zero, the magic cookie, a length that is a multiple of 4 and matches the
 * datagram, attributes that fit (RFC 8489 §5, §14). Attributes after
 * MESSAGE-INTEGRITY other than FINGERPRINT are ignored (§14.5), as are any
 * after FINGERPRINT.
 */
export function parseStun(packet: Buffer): StunMessage | undefined {
  if (packet.length < HEADER_BYTES || (packet[0]! & 0xc0) !== 0) return undefined;
  const length = packet.readUInt16BE(2);
  if (length % 4 !== 0 || HEADER_BYTES + length !== packet.length || packet.readUInt32BE(4) !== MAGIC_COOKIE) return undefined;
  const attributes = new Map<number, Buffer>();
  let integrityAt: number | undefined;
  let fingerprintAt: number | undefined;
  let offset = HEADER_BYTES;
  while (offset + 4 <= packet.length && fingerprintAt === undefined) {
    const type = packet.readUInt16BE(offset);
    const valueLength = packet.readUInt16BE(offset + 2);
    if (offset + 4 + valueLength > packet.length) return undefined;
    const value = packet.subarray(offset + 4, offset + 4 + valueLength);
    if (type === Attribute.fingerprint) fingerprintAt = offset;
    else if (type === Attribute.messageIntegrity && integrityAt === undefined) integrityAt = offset;
    if ((integrityAt === undefined || offset === integrityAt || type === Attribute.fingerprint) && !attributes.has(type)) attributes.set(type, value);
    offset += 4 + padded(valueLength);
  }
  return { type: packet.readUInt16BE(0), transactionId: packet.subarray(8, 20), attributes, integrityAt, fingerprintAt, raw: packet };
}

/** The HMAC-SHA1 of the message up to `end`, with the header's length as if the message ended after the integrity attribute (§14.5). */
function integrityOver(message: Buffer, end: number, key: Buffer): Buffer {
  const copy = Buffer.from(message.subarray(0, end));
  copy.writeUInt16BE(end - HEADER_BYTES + 4 + INTEGRITY_BYTES, 2);
  return createHmac('sha1', key).update(copy).digest();
}

/** The FINGERPRINT value for a message whose FINGERPRINT attribute starts at `end` (§14.7). */
function fingerprintOver(message: Buffer, end: number): number {
  const copy = Buffer.from(message.subarray(0, end));
  copy.writeUInt16BE(end - HEADER_BYTES + 8, 2);
  return (crc32(copy) ^ FINGERPRINT_XOR) >>> 0;
}

/** Whether the message carries a MESSAGE-INTEGRITY made with this key (the ICE password, RFC 8445 §7.2.2). */
export function hasValidIntegrity(message: StunMessage, key: Buffer): boolean {
  const at = message.integrityAt;
  const value = message.attributes.get(Attribute.messageIntegrity);
  if (at === undefined || value?.length !== INTEGRITY_BYTES) return false;
  return integrityOver(message.raw, at, key).equals(value);
}

/** Whether the message ends with a correct FINGERPRINT. */
export function hasValidFingerprint(message: StunMessage): boolean {
  const at = message.fingerprintAt;
  const value = message.attributes.get(Attribute.fingerprint);
  if (at === undefined || value?.length !== 4 || at + 8 !== message.raw.length) return false;
  return value.readUInt32BE(0) === fingerprintOver(message.raw, at);
}

export interface StunAttribute {
  type: number;
  value: Buffer;
}

/** A message with these attributes, then MESSAGE-INTEGRITY when a key is given, then FINGERPRINT (padding is zeros). */
export function buildStun(type: number, transactionId: Buffer, attributes: readonly StunAttribute[], integrityKey?: Buffer): Buffer {
  const body = attributes.reduce((sum, a) => sum + 4 + padded(a.value.length), 0);
  const message = Buffer.alloc(HEADER_BYTES + body + (integrityKey ? 4 + INTEGRITY_BYTES : 0) + 8);
  message.writeUInt16BE(type, 0);
  message.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(message, 8, 0, 12);
  let offset = HEADER_BYTES;
  for (const attribute of attributes) {
    message.writeUInt16BE(attribute.type, offset);
    message.writeUInt16BE(attribute.value.length, offset + 2);
    attribute.value.copy(message, offset + 4);
    offset += 4 + padded(attribute.value.length);
  }
  if (integrityKey) offset = appendIntegrity(message, offset, integrityKey);
  appendFingerprint(message, offset);
  return message;
}

/** Writes MESSAGE-INTEGRITY at `offset` over what precedes it; returns where the next attribute goes. */
export function appendIntegrity(message: Buffer, offset: number, key: Buffer): number {
  message.writeUInt16BE(Attribute.messageIntegrity, offset);
  message.writeUInt16BE(INTEGRITY_BYTES, offset + 2);
  integrityOver(message, offset, key).copy(message, offset + 4);
  message.writeUInt16BE(offset + 4 + INTEGRITY_BYTES - HEADER_BYTES, 2);
  return offset + 4 + INTEGRITY_BYTES;
}

/** Writes FINGERPRINT at `offset`, the last attribute; the header's length then covers the whole message. */
export function appendFingerprint(message: Buffer, offset: number): void {
  message.writeUInt16BE(Attribute.fingerprint, offset);
  message.writeUInt16BE(4, offset + 2);
  message.writeUInt32BE(fingerprintOver(message, offset), offset + 4);
  message.writeUInt16BE(offset + 8 - HEADER_BYTES, 2);
}

/** XOR-MAPPED-ADDRESS (§14.2): the port XOR the cookie's high half, the address XOR the cookie (and the transaction ID for IPv6). */
export function xorMappedAddress(address: string, port: number, transactionId: Buffer): Buffer {
  const v4 = isIPv4(address);
  const value = Buffer.alloc(v4 ? 8 : 20);
  value[1] = v4 ? 0x01 : 0x02;
  value.writeUInt16BE(port ^ (MAGIC_COOKIE >>> 16), 2);
  const raw = v4 ? Buffer.from(address.split('.').map(Number)) : ipv6Bytes(address);
  const mask = Buffer.alloc(16);
  mask.writeUInt32BE(MAGIC_COOKIE, 0);
  transactionId.copy(mask, 4);
  for (let i = 0; i < raw.length; i++) value[4 + i] = raw[i]! ^ mask[i]!;
  return value;
}

/** The 16 bytes of an IPv6 literal (with :: and an embedded IPv4 tail). */
function ipv6Bytes(address: string): Buffer {
  const bytes = Buffer.alloc(16);
  let text = address.replace(/%.*$/, '');
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const [a, b, c, d] = v4Tail[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -v4Tail[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  all.forEach((group, i) => bytes.writeUInt16BE(group, i * 2));
  return bytes;
}

/** ERROR-CODE (§14.8): class and number, then a reason phrase. */
export function errorCode(code: number, reason: string): Buffer {
  const text = Buffer.from(reason, 'utf8');
  const value = Buffer.alloc(4 + text.length);
  value[2] = Math.floor(code / 100);
  value[3] = code % 100;
  text.copy(value, 4);
  return value;
}
