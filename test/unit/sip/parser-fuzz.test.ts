import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage } from '../../../main/pbx/sip/message/parser';
import { validateRequestSyntax } from '../../../main/pbx/sip/message/request-validation';
import { SipSyntaxError } from '../../../main/pbx/sip/message/scan';
import { serializeMessage } from '../../../main/pbx/sip/message/serializer';
import type { SipMessage } from '../../../main/pbx/sip/message/sip-message';
import { DEFAULT_FRAMER_LIMITS, StreamFramer } from '../../../main/pbx/sip/transport/stream-framer';
import { startTestEngine, type TestEngine } from '../../support/in-process-engine';
import { mutatedCorpus, sample, seededRandom } from '../../support/sip-fuzz-corpus';
import { exchange, TcpPeer, UdpPeer } from '../../support/sip-test-peer';
import { allTortureFiles } from '../../support/sip-torture-corpus';

// The RFC 4475 messages and 3,000 seeded mutations of them. Change SEED to
// explore; a failure names its case index, which replays with the same seed.
const SEED = 4475;
const CASES = 3000;
const ENGINE_SAMPLE = 500;
const corpus = mutatedCorpus(allTortureFiles(), SEED, CASES);

/** Every typed view the engine reads; each may refuse its input only with a SipSyntaxError. */
const VIEWS: Record<string, (m: SipMessage) => unknown> = {
  vias: (m) => m.vias,
  from: (m) => m.from,
  to: (m) => m.to,
  tags: (m) => [m.fromTag, m.toTag],
  callId: (m) => m.callId,
  cseq: (m) => m.cseq,
  contacts: (m) => m.contacts,
  contentType: (m) => m.contentType,
  requestUri: (m) => (m.kind === 'request' ? m.requestUri : undefined),
  maxForwards: (m) => (m.kind === 'request' ? m.maxForwards : undefined),
};

function failure(index: number, what: string, error: unknown): string {
  return `case ${index} (seed ${SEED}), ${what}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}

/** Runs `step`; returns a description if it threw anything other than a SipSyntaxError. */
function unexpected(index: number, what: string, step: () => unknown): string | undefined {
  try {
    step();
    return undefined;
  } catch (error) {
    return error instanceof SipSyntaxError ? undefined : failure(index, what, error);
  }
}

describe('the SIP message layer under a mutated RFC 4475 corpus', () => {
  it(`parses ${CASES} messages without throwing; validation reports, views refuse only with SipSyntaxError`, () => {
    expect(corpus).toHaveLength(CASES);
    const problems: string[] = [];
    const outcomes = { dropped: 0, defect: 0, rejected: 0, accepted: 0 };
    let slowest = 0;
    corpus.forEach((bytes, index) => {
      const started = performance.now();
      let message: SipMessage | undefined;
      try {
        message = parseMessage(bytes);
      } catch (error) {
        problems.push(failure(index, 'parseMessage threw', error));
        return;
      }
      if (!message) {
        outcomes.dropped++;
        return;
      }
      if (message.kind === 'request') {
        try {
          const defect = validateRequestSyntax(message);
          if (message.defect) outcomes.defect++;
          else if (defect) outcomes.rejected++;
          else outcomes.accepted++;
        } catch (error) {
          problems.push(failure(index, 'validateRequestSyntax threw', error));
        }
      }
      for (const [name, view] of Object.entries(VIEWS)) {
        const problem = unexpected(index, name, () => view(message));
        if (problem) problems.push(problem);
      }
      const again = unexpected(index, 'serialize and parse again', () => parseMessage(serializeMessage(message)));
      if (again) problems.push(again);
      slowest = Math.max(slowest, performance.now() - started);
    });
    expect(problems).toEqual([]);
    // The corpus reaches every outcome, or it tests less than it claims.
    expect(Object.values(outcomes).every((n) => n > 50)).toBe(true);
    // No input makes a regular expression or a loop go quadratic.
    // Catches runaway backtracking (seconds per message), not speed: a GC pause on a loaded 2-core CI box can take a few hundred ms.
    expect(slowest).toBeLessThan(2000);
  });

  it('the stream framer never throws and holds no bytes after a framing error', () => {
    const random = seededRandom(SEED + 1);
    const problems: string[] = [];
    let framingErrors = 0;
    let framed = 0;
    corpus.forEach((bytes, index) => {
      let failed = false;
      const framer = new StreamFramer({
        onMessage: (message) => {
          framed++;
          const problem = unexpected(index, 'parse a framed message', () => parseMessage(message));
          if (problem) problems.push(problem);
        },
        onPing: () => undefined,
        onFramingError: () => {
          failed = true;
          framingErrors++;
        },
      });
      // Twice, in random chunks: a stream carries one message after another.
      const stream = Buffer.concat([bytes, bytes]);
      try {
        for (let at = 0; at < stream.length; ) {
          const size = 1 + Math.floor(random() * 1500);
          framer.push(stream.subarray(at, at + size));
          at += size;
          if (failed && framer.pending !== 0) problems.push(failure(index, 'bytes held after a framing error', framer.pending));
        }
      } catch (error) {
        problems.push(failure(index, 'push threw', error));
      }
      if (framer.pending > DEFAULT_FRAMER_LIMITS.maxHeaderBytes + DEFAULT_FRAMER_LIMITS.maxBodyBytes) {
        problems.push(failure(index, 'held more than the limits allow', framer.pending));
      }
    });
    expect(problems).toEqual([]);
    expect(framingErrors).toBeGreaterThan(50);
    expect(framed).toBeGreaterThan(CASES);
  });
});

describe(`the engine under ${ENGINE_SAMPLE} of them over UDP and over TCP`, () => {
  let engine: TestEngine;
  let udp: UdpPeer;
  // Answers go to our source address at whatever port a mutated Via names: a
  // loopback address of our own, so they reach nobody else's sockets.
  const PEER_HOST = '127.0.0.3';

  beforeAll(async () => {
    engine = await startTestEngine({ sip: { addresses: ['127.0.0.1'], port: 0, timers: { t1: 10, t2: 40, t4: 50 } } });
    udp = await UdpPeer.bind(PEER_HOST, [5060], { address: '127.0.0.1', port: engine.pbx.sip.transport.ports().udp });
  });
  afterAll(async () => {
    udp?.close();
    await engine?.stop();
  });

  const options = (transport: string, n: number) =>
    Buffer.from(
      [
        'OPTIONS sip:127.0.0.1 SIP/2.0',
        `Via: SIP/2.0/${transport} ${PEER_HOST}:5060;branch=z9hG4bK-after-fuzz-${transport}-${n}`,
        'Max-Forwards: 70',
        `From: <sip:fuzz@${PEER_HOST}>;tag=fuzz`,
        'To: <sip:127.0.0.1>',
        `Call-ID: after-fuzz-${transport}-${n}@test`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
      'latin1',
    );

  it('keeps answering OPTIONS over UDP', async () => {
    const before = engine.pbx.sip.stats.requests;
    for (const [n, bytes] of sample(corpus, ENGINE_SAMPLE).entries()) {
      udp.send(bytes);
      // A breath every 50 datagrams so the socket buffer never overflows.
      if (n % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const response = await exchange(udp, options('UDP', 1), { callId: 'after-fuzz-UDP-1@test', cseq: '1 OPTIONS' }, 5000);
    expect(response.status).toBe(200);
    expect(engine.pbx.sip.stats.requests - before).toBeGreaterThan(ENGINE_SAMPLE / 4);
  });

  it('keeps answering OPTIONS over TCP, on connections that outlived the noise or new ones', async () => {
    const port = engine.pbx.sip.transport.ports().tcp;
    const connect = () => TcpPeer.connect(port, '127.0.0.1', PEER_HOST);
    const peers = await Promise.all(Array.from({ length: 8 }, connect));
    let reconnects = 0;
    for (const [n, bytes] of sample(corpus, ENGINE_SAMPLE).entries()) {
      const slot = n % peers.length;
      // A framing error closes a connection (ncl, mcl01): the next message takes a new one.
      if ((peers[slot] as TcpPeer).closed) {
        peers[slot] = await connect();
        reconnects++;
      }
      (peers[slot] as TcpPeer).send(bytes);
      if (n % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const peer of peers) peer.close();
    expect(reconnects).toBeGreaterThan(0);
    const fresh = await connect();
    try {
      const response = await exchange(fresh, options('TCP', 2), { callId: 'after-fuzz-TCP-2@test', cseq: '1 OPTIONS' }, 5000);
      expect(response.status).toBe(200);
    } finally {
      fresh.close();
    }
  });
});
