import { randomFillSync } from 'node:crypto';

// Branches and Call-IDs, several per call: one call into the CSPRNG per 4 KiB
// of tokens instead of one per token (it showed in call-setup profiles).
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `bytes` random bytes as base64url: unpredictable, so a forged response cannot guess a branch. */
export function randomToken(bytes: number): string {
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const token = pool.toString('base64url', offset, offset + bytes);
  offset += bytes;
  return token;
}

/** A Call-ID of our own: random, so unique across hosts and restarts (RFC 3261 §8.1.1.4). */
export function newCallId(): string {
  return `${randomToken(12)}@dialtone`;
}
