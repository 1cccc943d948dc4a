// AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): the keystream is
// AES_k(IV), AES_k(IV + 1), …, where the IV's low 16 bits count the blocks of
// one packet. ECB keeps no state between blocks, so ONE ECB cipher encrypts
// the counter blocks of every packet for the whole session: no cipher object
// per packet (createCipheriv costs more than the AES itself at these sizes).

import { createCipheriv, type Cipher } from 'node:crypto';

const AES_BLOCK_BYTES = 16;
/** The IV bytes before the block counter. */
const IV_PREFIX_BYTES = 14;
/** The block counter is 16 bits: at most 2^16 blocks (1 MiB) per IV. */
const MAX_BLOCKS = 0x10000;

export class AesCounterMode {
  private readonly ecb: Cipher;
  /**
   * Counter blocks of the current packet, grown on demand (an RTP packet needs
   * about 12). Each block's last two bytes, its number, are written once; per
   * packet only the 14 IV bytes before them change.
   */
  private counters = numberedBlocks(32);

  constructor(key: Buffer) {
    this.ecb = createCipheriv(`aes-${key.length * 8}-ecb`, key, null);
    this.ecb.setAutoPadding(false);
  }

  /**
   * The first `length` bytes of the keystream for `iv` (16 bytes whose last two
   * are zero: RFC 3711 builds every IV as a multiple of 2^16).
   */
  keystream(iv: Buffer, length: number): Buffer {
    const blocks = Math.ceil(length / AES_BLOCK_BYTES);
    if (blocks > MAX_BLOCKS) throw new RangeError(`AES-CM keystream of ${length} bytes exceeds 2^16 blocks`);
    if (this.counters.length < blocks * AES_BLOCK_BYTES) this.counters = numberedBlocks(blocks);
    const counters = this.counters;
    for (let offset = 0; offset < blocks * AES_BLOCK_BYTES; offset += AES_BLOCK_BYTES) {
      for (let i = 0; i < IV_PREFIX_BYTES; i++) counters[offset + i] = iv[i]!;
    }
    return this.ecb.update(counters.subarray(0, blocks * AES_BLOCK_BYTES));
  }

  /** XORs data[start, end) with the keystream for `iv`, in place (encrypting and decrypting are the same). */
  apply(iv: Buffer, data: Buffer, start: number, end: number): void {
    if (end <= start) return;
    const keystream = this.keystream(iv, end - start);
    for (let i = start, k = 0; i < end; i++, k++) data[i]! ^= keystream[k]!;
  }
}

/** `count` blocks, each ending with its number (the 16-bit block counter). */
function numberedBlocks(count: number): Buffer {
  const blocks = Buffer.alloc(count * AES_BLOCK_BYTES);
  for (let block = 0; block < count; block++) blocks.writeUInt16BE(block, block * AES_BLOCK_BYTES + IV_PREFIX_BYTES);
  return blocks;
}
