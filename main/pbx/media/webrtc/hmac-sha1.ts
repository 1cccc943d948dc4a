// HMAC-SHA1 (RFC 2104) for SRTP authentication tags, with the padded keys
// computed once per session: H((K ^ opad) || H((K ^ ipad) || message)). Two
// one-shot crypto.hash() calls per packet, and no Hmac object per packet.
// The digests come back as 'binary' (latin1) strings, one char per byte: a string is
// made on V8's heap, where a Buffer result needs a native backing store,
// which costs about as much again as the hash itself at these sizes.

import { hash } from 'node:crypto';

const SHA1_BLOCK_BYTES = 64;
const SHA1_BYTES = 20;

export class HmacSha1 {
  /** K ^ ipad, then room for the message. */
  private inner: Buffer;
  /** K ^ opad, then the inner digest. */
  private readonly outer = Buffer.alloc(SHA1_BLOCK_BYTES + SHA1_BYTES);

  constructor(key: Buffer) {
    // Keys longer than a block would be hashed first (RFC 2104 §2); SRTP's are 20 bytes.
    if (key.length > SHA1_BLOCK_BYTES) throw new RangeError('HMAC-SHA1 keys longer than 64 bytes are not supported');
    this.inner = Buffer.alloc(SHA1_BLOCK_BYTES + 1500);
    for (let i = 0; i < SHA1_BLOCK_BYTES; i++) {
      this.inner[i] = (key[i] ?? 0) ^ 0x36;
      this.outer[i] = (key[i] ?? 0) ^ 0x5c;
    }
  }

  /**
   * The MAC of data[start, end), followed by the 4 bytes of `trailer` when
   * given (SRTP's rollover counter, RFC 3711 §4.2), as a latin1 string of
   * SHA1_BYTES chars.
   */
  digest(data: Buffer, start: number, end: number, trailer?: number): string {
    const length = end - start;
    const needed = SHA1_BLOCK_BYTES + length + (trailer === undefined ? 0 : 4);
    if (this.inner.length < needed) {
      const grown = Buffer.alloc(needed);
      this.inner.copy(grown, 0, 0, SHA1_BLOCK_BYTES);
      this.inner = grown;
    }
    data.copy(this.inner, SHA1_BLOCK_BYTES, start, end);
    if (trailer !== undefined) this.inner.writeUInt32BE(trailer >>> 0, SHA1_BLOCK_BYTES + length);
    this.outer.write(hash('sha1', this.inner.subarray(0, needed), 'binary'), SHA1_BLOCK_BYTES, 'latin1');
    return hash('sha1', this.outer, 'binary');
  }
}
