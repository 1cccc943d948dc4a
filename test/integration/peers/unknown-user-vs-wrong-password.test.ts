import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialtone, serve, type ServeProcess } from '../../support/peers/dialtone-cli';
import { digestExchange, type DigestExchange, type RequestBuilder } from '../../support/peers/digest-exchange';
import { challengeNonces, normalizeChallenge } from '../../support/peers/normalize-challenge';
import { inviteRequest, registerRequest } from '../../support/peers/sip-requests';
import { TempDirs } from '../../support/peers/temp-dir';
import { UdpSipClient } from '../../support/peers/udp-sip-client';

const EXTENSION = { number: '1001', password: 'the-right-password' };
/** Whom the INVITEs call: another extension, so the only user that varies is the caller. */
const CALLEE = { number: '1002', password: 'the-callee-password' };
/** A known user with a wrong password, and a user that does not exist; the engine must not tell them apart. */
const CASES = {
  known: { user: EXTENSION.number, password: 'a-wrong-password' },
  unknown: { user: '1009', password: 'a-wrong-password' },
} as const;
type CaseName = keyof typeof CASES;
const ATTEMPTS = 200;

const temp = new TempDirs();
let engine: ServeProcess;
let client: UdpSipClient;

beforeAll(async () => {
  const dataDir = temp.make('oracle-data');
  for (const { number, password } of [EXTENSION, CALLEE]) await dialtone(['ext', 'add', number, '--password', password, '--data-dir', dataDir]);
  // Hundreds of wrong passwords on purpose: turn the lockout off (setting sipFailedAuthLimit = 0),
  // or after ten the engine answers 403 and the 401/407 path is no longer what is measured.
  const db = new Database(join(dataDir, 'dialtone.sqlite'));
  db.prepare("INSERT INTO settings (key, value) VALUES ('sipFailedAuthLimit', '0')").run();
  db.close();
  engine = await serve(dataDir);
  client = await UdpSipClient.open({ host: '127.0.0.1', port: engine.sipPort });
}, 30_000);

afterAll(async () => {
  await client?.close();
  await engine?.stop();
  temp.removeAll();
});

/** One request without credentials, then with digest credentials for the case's (wrong) password. */
function attempt(method: 'REGISTER' | 'INVITE', name: CaseName): Promise<DigestExchange> {
  const { user, password } = CASES[name];
  const server = { host: '127.0.0.1', port: engine.sipPort };
  const build: RequestBuilder =
    method === 'REGISTER'
      ? (ids, authorization) => registerRequest({ user, server, local: client.local, contactUser: user, ids, authorization })
      : (ids, proxyAuthorization) => inviteRequest({ from: user, to: CALLEE.number, server, local: client.local, ids, proxyAuthorization });
  return digestExchange(client, build, user, password);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

// REGISTER is challenged by the registrar (401, WWW-Authenticate), INVITE by the proxy role (407, Proxy-Authenticate): RFC 3261 §22.2, §22.3.
describe.each([
  ['REGISTER', 401],
  ['INVITE', 407],
] as const)('%s from an unknown user and from a known user with a wrong password', (method, status) => {
  it(`gets byte-identical ${status}s apart from per-request values, both for the challenge and for the rejected credentials`, async () => {
    const known = await attempt(method, 'known');
    const unknown = await attempt(method, 'unknown');
    for (const round of ['challenge', 'answer'] as const) {
      const [a, b] = [known[round].response, unknown[round].response];
      expect(a.status, a.raw).toBe(status);
      // Status line, header names in order, realm, algorithms, qop and every other byte but the placeholders.
      expect(normalizeChallenge(a, CASES.known.user)).toBe(normalizeChallenge(b, CASES.unknown.user));
      // The nonce differs per challenge but has one shape: 27 base64url characters.
      const nonces = [...challengeNonces(a), ...challengeNonces(b)];
      expect(nonces.length).toBeGreaterThanOrEqual(2);
      for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{27}$/);
    }
  }, 20_000);

  it(`answers both in the same time: medians over ${ATTEMPTS} interleaved attempts each`, async () => {
    const times: Record<CaseName, { challenge: number[]; answer: number[] }> = {
      known: { challenge: [], answer: [] },
      unknown: { challenge: [], answer: [] },
    };
    for (let i = 0; i < ATTEMPTS; i++) {
      // Alternate which case goes first, so drift in machine load hits both alike.
      for (const name of i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
        const exchange = await attempt(method, name);
        expect(exchange.answer.response.status).toBe(status);
        times[name].challenge.push(exchange.challenge.elapsedMs);
        times[name].answer.push(exchange.answer.elapsedMs);
      }
    }
    for (const round of ['challenge', 'answer'] as const) {
      const [known, unknown] = [median(times.known[round]), median(times.unknown[round])];
      // A loopback round trip here is a few tenths of a millisecond. On a shared
      // 2-core machine single samples jump by milliseconds, but the median of
      // 200 interleaved samples moves far less, so: within 1 ms, or within 50 %
      // of the faster median when the machine is slow enough for that to be
      // larger. This catches work done for one case only (a database round
      // trip, a password hash, an early return that skips the digest); a gap of
      // a few microseconds is below what a loopback UDP timing can resolve, and
      // is what DigestServer's dummy HA1 for unknown users is there to prevent.
      const bound = Math.max(1, 0.5 * Math.min(known, unknown));
      expect(Math.abs(known - unknown), `${round}: known ${known.toFixed(3)} ms, unknown ${unknown.toFixed(3)} ms`).toBeLessThan(bound);
    }
  }, 60_000);
});
