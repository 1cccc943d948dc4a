import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeHa1 } from '../../main/pbx/sip/digest/digest-algorithm';
import { parseMessage } from '../../main/pbx/sip/message/parser';
import { SipStack } from '../../main/pbx/sip/sip-stack';
import { openDatabase } from '../../main/pbx/store/database';
import { ExtensionRepository } from '../../main/pbx/store/extension-repository';
import { startTestEngine, type TestEngine } from '../support/in-process-engine';
import { md5Authorization, readChallenge, resend } from '../support/sip-digest-client';
import { exchange, headerOf, TcpPeer, UdpPeer, type ResponseKey, type WireResponse } from '../support/sip-test-peer';
import { tortureMessage, tortureMessages } from '../support/sip-torture-corpus';

// RFC 4475 against the running engine, as a registrar and UAS, over UDP and
// TCP. UDP answers go to the packet's source address and the top Via's port,
// 5060 when it names none (RFC 3261 §18.2.2): the messages name hosts that are
// not ours, so the peer listens on 127.0.0.2:5060 (and :5050 for quotbal).

type Answer =
  | { status: number; check?: (response: WireResponse) => void }
  /** No answer at all: stray or unreadable responses are dropped. */
  | 'silent'
  /** TCP: closed without an answer, as framing cannot be recovered (ncl, mcl01). */
  | 'closed'
  /** TCP: no answer, the connection waits for the rest of the message (clerr, baddn). */
  | 'held';

interface Expected {
  udp: Answer;
  tcp: Answer;
}

const both = (answer: Answer): Expected => ({ udp: answer, tcp: answer });

function hasHeader(name: string, pattern: RegExp) {
  return (response: WireResponse) => expect(response.headers.get(name) ?? []).toContainEqual(expect.stringMatching(pattern));
}

const digestChallenge = hasHeader('www-authenticate', /^Digest realm="[^"]+", nonce="[^"]+"/);
const proxyChallenge = hasHeader('proxy-authenticate', /^Digest realm="[^"]+", nonce="[^"]+"/);
const allow = hasHeader('allow', /\bREGISTER\b.*\bOPTIONS\b/);

/** 401: the registrar authenticates every REGISTER. 407: INVITEs we would route need credentials. */
const challenged: Expected = both({ status: 401, check: digestChallenge });
const proxyChallenged: Expected = both({ status: 407, check: proxyChallenge });
const badRequest: Expected = both({ status: 400 });
/** An INVITE with a To tag is a re-INVITE: for a dialog the engine does not know, 481 (RFC 3261 §12.2.2). */
const noDialog: Expected = both({ status: 481 });

const EXPECTED: Record<string, Expected> = {
  wsinv: noDialog,
  intmeth: both({ status: 501, check: allow }),
  esc01: proxyChallenged,
  escnull: challenged,
  esc02: both({ status: 501, check: allow }),
  lwsdisp: both({ status: 200 }),
  longreq: proxyChallenged,
  dblreq: challenged,
  semiuri: both({ status: 200 }),
  transports: both({ status: 200 }),
  // MESSAGE is known but not served here. Its Via has rport: the answer comes back to the source port, not 5070.
  mpart01: both({ status: 405, check: allow }),
  unreason: both('silent'),
  noreason: both('silent'),
  badinv01: badRequest,
  clerr: { udp: { status: 400 }, tcp: 'held' },
  ncl: { udp: { status: 400 }, tcp: 'closed' },
  scalar02: badRequest,
  scalarlg: both('silent'),
  // The answer goes to the Via's port 5050 (checked below).
  quotbal: badRequest,
  ltgtruri: badRequest,
  lwsruri: badRequest,
  // Liberal: accepted, so the INVITE is challenged like any other.
  lwsstart: proxyChallenged,
  trws: both({ status: 200 }),
  // Accepted; the escaped Route stays in the URI and nothing is forwarded.
  escruri: proxyChallenged,
  baddate: proxyChallenged,
  regbadct: badRequest,
  badaspec: badRequest,
  baddn: { udp: { status: 400 }, tcp: 'held' },
  badvers: both({ status: 505 }),
  mismatch01: badRequest,
  mismatch02: both({ status: 501, check: allow }),
  bigcode: both('silent'),
  // Normal processing (RFC 2543 matching).
  badbranch: both({ status: 200 }),
  insuf: badRequest,
  unkscm: both({ status: 416 }),
  novelsc: both({ status: 416 }),
  // A registrar: the AOR must be a SIP URI.
  unksm2: badRequest,
  bext01: both({
    status: 420,
    check: (r) =>
      expect(headerOf(r, 'unsupported')?.split(/\s*,\s*/).sort()).toEqual(
        ['noProxiesSupportThis', 'norDoAnyProxiesSupportThis', 'nothingSupportsThis', 'nothingSupportsThisEither'].sort(),
      ),
  }),
  invut: both({ status: 415, check: hasHeader('accept', /^application\/sdp$/) }),
  regaut01: challenged,
  multi01: badRequest,
  mcl01: { udp: { status: 400 }, tcp: 'closed' },
  bcast: both('silent'),
  zeromf: both({ status: 483 }),
  cparam01: challenged,
  cparam02: challenged,
  regescrt: challenged,
  sdp01: both({ status: 406, check: hasHeader('warning', /^399 /) }),
  inv2543: proxyChallenged,
};

// Short timers so the RFC 3261 §17 transaction timers (64*T1) end within a test.
const TIMERS = { t1: 10, t2: 40, t4: 50 };
const TRANSACTION_LIFETIME_MS = 64 * TIMERS.t1 + 100;
/** How long "no answer" is waited for; the engine answers loopback requests in a few ms. */
const QUIET_MS = 300;
const PASSWORD = 'torture-test-pw';
const ADMIN = { username: 'admin', role: 'admin', origin: 'test' } as const;
const UDP_HOST = '127.0.0.2';

function keyOf(bytes: Buffer): ResponseKey {
  const message = parseMessage(bytes);
  if (message) return { callId: message.header('call-id'), cseq: message.header('cseq') };
  const text = bytes.toString('latin1');
  return { callId: /^Call-ID:\s*(.*)$/im.exec(text)?.[1], cseq: /^CSeq:\s*(.*)$/im.exec(text)?.[1] };
}

/**
 * RFC 4475 reuses branches: cparam01 and cparam02, escnull and regescrt,
 * unkscm and novelsc share branch, sent-by and method. Within a transaction's
 * lifetime the second is a retransmission of the first (RFC 3261 §17.2.3),
 * so it waits until the first transaction has ended.
 */
class TransactionSpacing {
  private readonly sentAt = new Map<string, number>();

  async before(bytes: Buffer): Promise<void> {
    const message = parseMessage(bytes);
    if (!message || message.kind !== 'request') return;
    let key: string;
    try {
      key = `${message.topVia.branch}|${message.topVia.host}:${message.topVia.port}|${message.method}`;
    } catch {
      return;
    }
    const wait = (this.sentAt.get(key) ?? -Infinity) + TRANSACTION_LIFETIME_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.sentAt.set(key, Date.now());
  }
}

async function expectNoAnswer(peer: UdpPeer | TcpPeer, bytes: Buffer): Promise<void> {
  const after = peer.inbox.count;
  peer.send(bytes);
  const callId = keyOf(bytes).callId;
  // Other calls' INVITE answers may still be retransmitted meanwhile; only this message's count.
  expect((await peer.inbox.since(after, QUIET_MS)).filter((r) => headerOf(r, 'call-id') === callId)).toEqual([]);
}

async function createExtension(engine: TestEngine, number: string): Promise<void> {
  const result = await engine.pbx.dispatch('extensions.create', { number, password: PASSWORD }, ADMIN);
  expect(result.ok).toBe(true);
}

/** A REGISTER from the corpus, challenged and then answered with MD5 digest on a new transaction. */
async function registerWithDigest(peer: UdpPeer | TcpPeer, name: string, username: string): Promise<WireResponse> {
  const original = tortureMessage(name);
  // Branches unique to this exchange: cparam01/cparam02 and escnull/regescrt share theirs.
  const first = resend(original, `.${name}.1`);
  const challenge = await exchange(peer, first, keyOf(first));
  expect(challenge.status).toBe(401);
  const md5 = (challenge.headers.get('www-authenticate') ?? []).map(readChallenge).find((c) => c?.algorithm.toUpperCase() === 'MD5');
  if (!md5) throw new Error('no MD5 challenge');
  const uri = /^REGISTER (\S+) /.exec(original.toString('latin1'))?.[1] as string;
  const answer = resend(original, `.${name}.2`, 1, `Authorization: ${md5Authorization(md5, username, PASSWORD, 'REGISTER', uri)}`);
  return exchange(peer, answer, keyOf(answer));
}

it('has an expected answer for each of the 49 messages', () => {
  expect(tortureMessages().map((m) => m.name)).toEqual(Object.keys(EXPECTED).sort());
});

for (const transport of ['udp', 'tcp'] as const) {
  describe(`the engine and the RFC 4475 messages over ${transport.toUpperCase()}`, () => {
    let engine: TestEngine;
    let udp: UdpPeer;
    const spacing = new TransactionSpacing();

    beforeAll(async () => {
      engine = await startTestEngine({ sip: { addresses: ['127.0.0.1'], port: 0, timers: TIMERS } });
      const target = { address: '127.0.0.1', port: engine.pbx.sip.transport.ports().udp };
      if (transport === 'udp') udp = await UdpPeer.bind(UDP_HOST, [5060, 5050], target);
    });
    afterAll(async () => {
      udp?.close();
      await engine?.stop();
    });

    /** A fresh connection per message, so one message's framing error cannot touch the next. */
    async function withConnection<T>(use: (peer: TcpPeer) => Promise<T>): Promise<T> {
      const peer = await TcpPeer.connect(engine.pbx.sip.transport.ports().tcp);
      try {
        return await use(peer);
      } finally {
        peer.close();
      }
    }

    for (const { name, bytes } of tortureMessages()) {
      const answer = EXPECTED[name]?.[transport] ?? 'silent';
      const label = typeof answer === 'string' ? answer : String(answer.status);
      it(`${name}: ${label}`, async () => {
        await spacing.before(bytes);
        if (transport === 'udp') {
          if (answer === 'silent') return expectNoAnswer(udp, bytes);
          if (typeof answer === 'string') throw new Error(`${answer} is for streams`);
          const response = await exchange(udp, bytes, keyOf(bytes));
          expect(response.status).toBe(answer.status);
          expect(response.localPort).toBe(name === 'quotbal' ? 5050 : 5060);
          answer.check?.(response);
          return;
        }
        await withConnection(async (peer) => {
          if (answer === 'closed') {
            peer.send(bytes);
            expect(await peer.closedWithin(2000)).toBe(true);
            expect(peer.inbox.count).toBe(0);
          } else if (answer === 'silent' || answer === 'held') {
            await expectNoAnswer(peer, bytes);
            expect(peer.closed).toBe(false);
          } else {
            const response = await exchange(peer, bytes, keyOf(bytes));
            expect(response.status).toBe(answer.status);
            answer.check?.(response);
          }
        });
      });
    }

    if (transport === 'udp') {
      it('dblreq: ignores the INVITE after the REGISTER in the same datagram (RFC 3261 §18.3)', async () => {
        const after = udp.inbox.count;
        udp.send(resend(tortureMessage('dblreq'), '.again'));
        const answers = (await udp.inbox.since(after, QUIET_MS)).filter((r) => headerOf(r, 'call-id')?.startsWith('dblreq.'));
        expect(answers.map((r) => [headerOf(r, 'call-id'), r.status])).toEqual([['dblreq.0ha0isndaksdj99sdfafnl3lk233412', 401]]);
      });
    }

    const peerFor = async <T>(use: (peer: UdpPeer | TcpPeer) => Promise<T>): Promise<T> => (transport === 'udp' ? use(udp) : withConnection(use));

    it('cparam01 then cparam02: "unknownparam" is a contact parameter, then a URI parameter of the same binding', async () => {
      await createExtension(engine, 'watson');
      await peerFor(async (peer) => {
        const first = await registerWithDigest(peer, 'cparam01', 'watson');
        expect(first.status).toBe(200);
        expect(first.headers.get('contact')).toEqual([expect.stringMatching(/^<sip:\+19725552222@gw1\.example\.net>;unknownparam;expires=\d+$/)]);
        expect(engine.pbx.location.lookup('watson').map((b) => [b.contactUri, b.contactParams, b.protocol])).toEqual([
          ['sip:+19725552222@gw1.example.net', ';unknownparam', transport],
        ]);
        // The URIs are equal under RFC 3261 §19.1.4 (a parameter on one side only is ignored): the binding is updated.
        const second = await registerWithDigest(peer, 'cparam02', 'watson');
        expect(second.status).toBe(200);
        expect(second.headers.get('contact')).toEqual([expect.stringMatching(/^<sip:\+19725552222@gw1\.example\.net;unknownparam>;expires=\d+$/)]);
        expect(engine.pbx.location.lookup('watson').map((b) => [b.contactUri, b.contactParams])).toEqual([['sip:+19725552222@gw1.example.net;unknownparam', '']]);
      });
    });

    it('regescrt: the binding keeps the escaped Route header inside its URI', async () => {
      await createExtension(engine, 'user');
      await peerFor(async (peer) => {
        const ok = await registerWithDigest(peer, 'regescrt', 'user');
        expect(ok.status).toBe(200);
        expect(ok.headers.get('contact')).toEqual([expect.stringMatching(/^<sip:user@example\.com\?Route=%3Csip:sip\.example\.com%3E>;expires=\d+$/)]);
        expect(engine.pbx.location.lookup('user').map((b) => b.contactUri)).toEqual(['sip:user@example.com?Route=%3Csip:sip.example.com%3E']);
      });
    });

    it('escnull: registers two distinct contacts for a user part with %00, never truncated', async () => {
      const number = 'null-\x00-null';
      // No admin path accepts a NUL in a number (shared/extensions.ts), so the row goes into the
      // store from a second connection, as another process would write it; the engine sees it
      // when SQLite's data_version moves.
      const db = openDatabase(join(engine.dataDir, 'dialtone.sqlite'));
      try {
        const created = new ExtensionRepository(db).create({
          number,
          name: '',
          realm: engine.pbx.realm,
          ha1Md5: computeHa1('MD5', number, engine.pbx.realm, PASSWORD),
          ha1Sha256: computeHa1('SHA-256', number, engine.pbx.realm, PASSWORD),
          digestAlgorithms: undefined,
          maxContacts: 5,
        });
        expect(created).toBe(true);
      } finally {
        db.close();
      }
      await expect.poll(async () => {
        const list = await engine.pbx.dispatch('extensions.list', {}, ADMIN);
        return list.ok && (list.out as { number: string }[]).some((e) => e.number === number);
      }).toBe(true);
      await peerFor(async (peer) => {
        const ok = await registerWithDigest(peer, 'escnull', number);
        expect(ok.status).toBe(200);
        expect(ok.headers.get('contact')?.map((c) => c.replace(/;expires=\d+$/, '')).sort()).toEqual(['<sip:%00%00@host5.example.com>', '<sip:%00@host5.example.com>']);
        expect(engine.pbx.location.lookup(number).map((b) => b.contactUri).sort()).toEqual(['sip:%00%00@host5.example.com', 'sip:%00@host5.example.com']);
      });
    });

    it('still answers OPTIONS after all of them', async () => {
      const options = Buffer.from(
        [
          'OPTIONS sip:127.0.0.1 SIP/2.0',
          `Via: SIP/2.0/${transport.toUpperCase()} ${UDP_HOST}:5060;branch=z9hG4bK-after-torture`,
          'Max-Forwards: 70',
          'From: <sip:probe@127.0.0.2>;tag=probe',
          'To: <sip:127.0.0.1>',
          'Call-ID: after-torture@test',
          'CSeq: 1 OPTIONS',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
        'latin1',
      );
      const response = await peerFor((peer) => exchange(peer, options, keyOf(options)));
      expect(response.status).toBe(200);
      expect(engine.pbx.sip.stats.requests).toBeGreaterThan(40);
    });
  });
}

describe('a message that never completes on a stream (clerr, baddn over TCP)', () => {
  // The engine's own transport and transaction code with the partial-message
  // timeout shortened; its user only records what reaches it (nothing should).
  it('gets no answer, holds the connection, and closes it after the partial timeout', async () => {
    const reached: string[] = [];
    const stack = new SipStack(
      { transport: { addresses: ['127.0.0.1'], port: 0, partialTimeoutMs: 400 } },
      () => ({ onRequest: (_t, inbound) => reached.push(inbound.message.method), onAck: () => undefined, onCancel: () => undefined }),
    );
    await stack.start();
    try {
      for (const name of ['clerr', 'baddn']) {
        const peer = await TcpPeer.connect(stack.transport.ports().tcp);
        peer.send(tortureMessage(name));
        expect(await peer.closedWithin(200)).toBe(false);
        expect(await peer.closedWithin(3000)).toBe(true);
        expect(peer.inbox.count).toBe(0);
      }
      expect(reached).toEqual([]);
      await expect.poll(() => stack.transport.connectionCount()).toBe(0);
    } finally {
      await stack.stop();
    }
  });
});
