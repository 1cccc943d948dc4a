// The session keys of one SRTP or SRTCP direction (RFC 3711 §4.3), set up
// once for per-packet use: the AES-CM cipher, whose IV is built from the
// session salt, the SSRC and the packet index (§4.1.1), and the HMAC-SHA1
// for the authentication tag (§4.2). SrtpContext and SrtcpContext differ in
// what they encrypt and authenticate, not in this.

import { AesCounterMode } from './aes-counter-mode';
import { HmacSha1 } from './hmac-sha1';
import { deriveSessionKeys, writeCounterIv, type SrtpMasterKeys } from './srtp-key-derivation';

export class SrtpSessionCrypto {
  readonly mac: HmacSha1;
  private readonly cipher: AesCounterMode;
  private readonly salt: Buffer;
  /** Rewritten for every packet. */
  private readonly iv = Buffer.alloc(16);

  constructor(master: SrtpMasterKeys, kind: 'rtp' | 'rtcp') {
    const keys = deriveSessionKeys(master, kind);
    this.cipher = new AesCounterMode(keys.encryption);
    this.mac = new HmacSha1(keys.authentication);
    this.salt = keys.salt;
  }

  /** XORs data[start, end) with the keystream of packet `index` of `ssrc`, in place (encrypting and decrypting are the same). */
  crypt(ssrc: number, index: number, data: Buffer, start: number, end: number): void {
    writeCounterIv(this.iv, this.salt, ssrc, index);
    this.cipher.apply(this.iv, data, start, end);
  }
}
