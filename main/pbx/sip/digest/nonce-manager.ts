import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Nonces that cost no memory to issue: base64url(index | issued-at | HMAC).
 * Every nonce has the same length and shape, whoever it is for. The index
 * points into a fixed ring that records the highest nonce-count seen, so a
 * replayed (or out-of-date) nc is refused in O(1) with bounded memory.
 * A nonce older than the lifetime, or whose slot the ring has reused, is
 * stale: the client gets a fresh challenge with stale=true (RFC 7616 §3.3).
 */
export type NonceCheck = 'valid' | 'stale' | 'invalid';

const RING_BITS = 20;
const RING_SIZE = 1 << RING_BITS;
const MAC_BYTES = 12;

export class NonceManager {
  private readonly secret: Buffer;
  private readonly macInput: Buffer;
  private next = 0;
  /** Highest nc seen per ring slot; 0 = unused since issue. */
  private readonly counts = new Uint32Array(RING_SIZE);
  /** Issue index stored per slot, so a reused slot is told apart from its old nonce. */
  private readonly owners = new Uint32Array(RING_SIZE);

  constructor(
    private readonly lifetimeSeconds = 300,
    private readonly now: () => number = Date.now,
    secret?: Buffer,
  ) {
    this.secret = secret ?? randomBytes(32);
    this.macInput = Buffer.alloc(this.secret.length + 8);
    this.secret.copy(this.macInput);
  }

  /**
   * SHA-256(secret | payload), truncated. A keyed prefix hash is open to length
   * extension only for longer inputs, and a payload is always exactly 8 bytes.
   */
  private mac(payload: Buffer): Buffer {
    this.macInput.set(payload, this.secret.length);
    return hash('sha256', this.macInput, 'buffer').subarray(0, MAC_BYTES);
  }

  issue(): string {
    const index = this.next;
    this.next = (this.next + 1) >>> 0;
    const slot = index & (RING_SIZE - 1);
    this.counts[slot] = 0;
    this.owners[slot] = index;
    const payload = Buffer.alloc(8);
    payload.writeUInt32BE(index, 0);
    payload.writeUInt32BE(Math.floor(this.now() / 1000) >>> 0, 4);
    return Buffer.concat([payload, this.mac(payload)]).toString('base64url');
  }

  /** Whether a nonce is ours and current; does not record anything. */
  inspect(nonce: string): { status: NonceCheck; slot: number } {
    const invalid = { status: 'invalid' as const, slot: -1 };
    if (nonce.length !== 27) return invalid;
    const raw = Buffer.from(nonce, 'base64url');
    if (raw.length !== 8 + MAC_BYTES) return invalid;
    const payload = raw.subarray(0, 8);
    if (!timingSafeEqual(raw.subarray(8), this.mac(payload))) return invalid;
    const index = payload.readUInt32BE(0);
    const issuedAt = payload.readUInt32BE(4);
    const slot = index & (RING_SIZE - 1);
    if (Math.floor(this.now() / 1000) - issuedAt > this.lifetimeSeconds || this.owners[slot] !== index) return { status: 'stale', slot };
    return { status: 'valid', slot };
  }

  /**
   * Records a nonce-count for a verified request. False for a replay: a count
   * not above the last one seen (RFC 7616 §3.4). Without qop the nonce is
   * single use, as if nc were 1.
   */
  consume(slot: number, nc: string | undefined): boolean {
    const count = nc === undefined ? 1 : /^[0-9a-fA-F]{8}$/.test(nc) ? parseInt(nc, 16) : 0;
    if (count === 0 || count <= (this.counts[slot] as number)) return false;
    this.counts[slot] = count;
    return true;
  }
}
