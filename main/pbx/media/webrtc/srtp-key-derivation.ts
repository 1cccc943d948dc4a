// SRTP session keys from a master key and salt (RFC 3711 §4.3) with the
// AES-CM PRF (§4.3.3) and a key derivation rate of 0, as DTLS-SRTP uses it
// (RFC 5764 §4.1.2): each session key is derived once.

import { createCipheriv } from 'node:crypto';

/** SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2): 128-bit keys, 112-bit salts, 160-bit auth keys, 80-bit tags. */
export const MASTER_KEY_BYTES = 16;
export const MASTER_SALT_BYTES = 14;
const SESSION_AUTH_KEY_BYTES = 20;
export const AUTH_TAG_BYTES = 10;

/** The labels of RFC 3711 §4.3.1 and §4.3.2. */
export const Label = {
  rtpEncryption: 0,
  rtpAuthentication: 1,
  rtpSalt: 2,
  rtcpEncryption: 3,
  rtcpAuthentication: 4,
  rtcpSalt: 5,
} as const;

export interface SrtpMasterKeys {
  key: Buffer;
  salt: Buffer;
}

export interface SessionKeys {
  encryption: Buffer;
  authentication: Buffer;
  salt: Buffer;
}

/**
 * One session key: the AES-CM keystream under the master key with the IV
 * (master salt XOR (label << 48)) << 16. With kdr = 0 the index term r is 0,
 * so the label lands in byte 7 of the 14-byte salt.
 */
export function deriveSessionKey(master: SrtpMasterKeys, label: number, length: number): Buffer {
  const iv = Buffer.alloc(16);
  master.salt.copy(iv, 0, 0, MASTER_SALT_BYTES);
  iv[7]! ^= label;
  return createCipheriv('aes-128-ctr', master.key, iv).update(Buffer.alloc(length));
}

export function deriveSessionKeys(master: SrtpMasterKeys, kind: 'rtp' | 'rtcp'): SessionKeys {
  const labels = kind === 'rtp' ? [Label.rtpEncryption, Label.rtpAuthentication, Label.rtpSalt] : [Label.rtcpEncryption, Label.rtcpAuthentication, Label.rtcpSalt];
  return {
    encryption: deriveSessionKey(master, labels[0]!, MASTER_KEY_BYTES),
    authentication: deriveSessionKey(master, labels[1]!, SESSION_AUTH_KEY_BYTES),
    salt: deriveSessionKey(master, labels[2]!, MASTER_SALT_BYTES),
  };
}

/** The AES-CM IV (RFC 3711 §4.1.1): (salt << 16) XOR (SSRC << 64) XOR (index << 16), written into `iv`. */
export function writeCounterIv(iv: Buffer, salt: Buffer, ssrc: number, index: number): void {
  salt.copy(iv, 0, 0, MASTER_SALT_BYTES);
  iv.writeUInt32BE((iv.readUInt32BE(4) ^ ssrc) >>> 0, 4);
  // The index is up to 48 bits: its high 16 bits go to bytes 8–9, the low 32 to 10–13.
  iv.writeUInt16BE(iv.readUInt16BE(8) ^ Math.floor(index / 0x100000000), 8);
  iv.writeUInt32BE((iv.readUInt32BE(10) ^ index) >>> 0, 10);
  iv[14] = 0;
  iv[15] = 0;
}
