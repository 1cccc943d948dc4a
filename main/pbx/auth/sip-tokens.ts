import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Db } from '../store/database';

const AUDIENCE = 'dialtone:sip-ws';
const LIFETIME_SECONDS = 300;

/** The HS256 key, made once per install and kept in the store. */
function signingKey(db: Db): Uint8Array {
  const row = db.prepare<[], { value: string }>("SELECT value FROM engine_state WHERE key = 'sip_token_key'").get();
  if (row) return Buffer.from(row.value, 'base64');
  db.prepare("INSERT OR IGNORE INTO engine_state (key, value) VALUES ('sip_token_key', ?)").run(randomBytes(32).toString('base64'));
  return Buffer.from((db.prepare<[], { value: string }>("SELECT value FROM engine_state WHERE key = 'sip_token_key'").get() as { value: string }).value, 'base64');
}

/**
 * Short-lived tokens that let a signed-in person's own phone (sip.js in the
 * app) open SIP over WebSocket as their extension without typing its
 * password: the token goes in the WebSocket URL, is checked once at the
 * upgrade, and the connection is that extension from then on. A token is
 * good for five minutes, enough to connect; every reconnect asks for a new one.
 */
export class SipTokens {
  private readonly key: Uint8Array;

  constructor(db: Db) {
    this.key = signingKey(db);
  }

  mint(extension: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(extension)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(this.key);
  }

  /** The extension a token speaks for, or undefined (expired, forged, other audience). */
  async verify(token: string): Promise<string | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: AUDIENCE, algorithms: ['HS256'] });
      return typeof payload.sub === 'string' ? payload.sub : undefined;
    } catch {
      return undefined;
    }
  }
}
