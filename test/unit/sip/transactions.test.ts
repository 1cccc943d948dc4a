import { afterEach, describe, expect, it } from 'vitest';
import { SipRequest } from '../../../main/pbx/sip/message/sip-message';
import type { SipResponse } from '../../../main/pbx/sip/message/sip-message';
import type { Flow, InboundRequest } from '../../../main/pbx/sip/transport/flow';
import {
  TransactionLayer,
  type SendTarget,
  type ServerTransaction,
  type TransactionTransport,
  type TransactionUser,
} from '../../../main/pbx/sip/transaction/transaction-layer';
import type { ServerInviteTransaction } from '../../../main/pbx/sip/transaction/server-invite-transaction';
import { createResponse } from '../../../main/pbx/sip/ua/response-builder';
import { basicRequest, parseBytes, response } from '../../support/sip-message-builder';

// RFC 3261 §17 state machines with T1 shrunk to 20 ms (T2 80 ms, T4 100 ms), in
// real time. The transport is a recorder: these tests are about the timers and
// matching; the real sockets are exercised by the integration tests.
const TIMERS = { t1: 20, t2: 80, t4: 100 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const udpFlow: Flow = { protocol: 'udp', localAddress: '127.0.0.1', localPort: 5060, remoteAddress: '127.0.0.1', remotePort: 5099, connectionId: undefined };
const tcpFlow: Flow = { ...udpFlow, protocol: 'tcp', connectionId: 7 };

interface Sent {
  at: number;
  bytes: Buffer;
}

function setup(user: Partial<TransactionUser> = {}) {
  const started = Date.now();
  const sent: Sent[] = [];
  const transport: TransactionTransport = {
    responderFor: () => (bytes) => sent.push({ at: Date.now() - started, bytes }),
    send: (bytes: Buffer) => sent.push({ at: Date.now() - started, bytes }),
    viaSentBy: () => '127.0.0.1:5060',
  };
  const requests: ServerTransaction[] = [];
  const cancels: ServerInviteTransaction[] = [];
  const acks: InboundRequest[] = [];
  const layer = new TransactionLayer(
    transport,
    {
      onRequest: (tx) => requests.push(tx),
      onAck: (inbound) => acks.push(inbound),
      onCancel: (invite) => cancels.push(invite),
      ...user,
    },
    TIMERS,
  );
  return { layer, sent, requests, cancels, acks };
}

let layers: TransactionLayer[] = [];
afterEach(() => {
  for (const l of layers) l.close();
  layers = [];
});

function track<T extends { layer: TransactionLayer }>(s: T): T {
  layers.push(s.layer);
  return s;
}

const target: SendTarget = { protocol: 'udp', address: '127.0.0.1', port: 5099 };
const tcpTarget: SendTarget = { protocol: 'tcp', address: '127.0.0.1', port: 5099 };

function outgoing(method: string): SipRequest {
  return new SipRequest(method, 'sip:1001@127.0.0.1:5099', [
    { name: 'max-forwards', value: '70' },
    { name: 'from', value: '<sip:pbx@127.0.0.1>;tag=pbx-tag' },
    { name: 'to', value: '<sip:1001@127.0.0.1>' },
    { name: 'call-id', value: 'out-1@pbx' },
    { name: 'cseq', value: `1 ${method}` },
  ]);
}

/** A response to the request the layer sent (same Via, so it matches). */
function answer(sentRequest: Buffer, status: number, reason: string, toTag = 'callee-tag'): SipResponse {
  const req = parseBytes(sentRequest) as SipRequest;
  const res = createResponse(req, status, reason, toTag);
  return res;
}

describe('client non-INVITE transaction (RFC 3261 §17.1.2)', () => {
  it('retransmits on Timer E doubling to T2 over UDP, and times out on Timer F', async () => {
    const { layer, sent } = track(setup());
    let timedOut = 0;
    layer.sendRequest(outgoing('OPTIONS'), target, { onResponse: () => undefined, onTimeout: () => timedOut++, onTransportError: () => undefined });
    await sleep(64 * TIMERS.t1 + 150);
    const gaps = sent.slice(1).map((s, i) => s.at - (sent[i] as Sent).at);
    // 20, 40, 80, 80, 80...: doubling, capped at T2.
    expect(gaps[0]).toBeGreaterThanOrEqual(15);
    expect(gaps[0]).toBeLessThan(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(35);
    expect(Math.max(...gaps)).toBeLessThan(TIMERS.t2 + 40);
    expect(gaps.slice(3).every((g) => g >= TIMERS.t2 - 10)).toBe(true);
    expect(timedOut).toBe(1);
    expect(layer.clientCount).toBe(0);
  });

  it('stops retransmitting at a final response, absorbs its retransmissions, and ends after Timer K', async () => {
    const { layer, sent } = track(setup());
    const responses: number[] = [];
    layer.sendRequest(outgoing('OPTIONS'), target, { onResponse: (r) => responses.push(r.status), onTimeout: () => undefined, onTransportError: () => undefined });
    await sleep(5);
    const ok = answer((sent[0] as Sent).bytes, 200, 'OK');
    layer.receiveResponse({ message: ok, flow: udpFlow });
    layer.receiveResponse({ message: ok, flow: udpFlow });
    const count = sent.length;
    await sleep(TIMERS.t1 * 4);
    expect(sent.length).toBe(count);
    expect(responses).toEqual([200]);
    expect(layer.clientCount).toBe(1);
    await sleep(TIMERS.t4 + 40);
    expect(layer.clientCount).toBe(0);
  });

  it('never retransmits over a reliable transport', async () => {
    const { layer, sent } = track(setup());
    layer.sendRequest(outgoing('OPTIONS'), tcpTarget, { onResponse: () => undefined, onTimeout: () => undefined, onTransportError: () => undefined });
    await sleep(TIMERS.t1 * 6);
    expect(sent).toHaveLength(1);
  });
});

describe('client INVITE transaction (RFC 3261 §17.1.1, RFC 6026)', () => {
  it('ACKs a failure itself, with the INVITE branch and the response To tag, and absorbs retransmitted failures', async () => {
    const { layer, sent } = track(setup());
    const statuses: number[] = [];
    layer.sendRequest(outgoing('INVITE'), target, { onResponse: (r) => statuses.push(r.status), onTimeout: () => undefined, onTransportError: () => undefined });
    await sleep(5);
    const invite = parseBytes((sent[0] as Sent).bytes) as SipRequest;
    const busy = answer((sent[0] as Sent).bytes, 486, 'Busy Here');
    layer.receiveResponse({ message: busy, flow: udpFlow });
    const ack = parseBytes((sent.at(-1) as Sent).bytes) as SipRequest;
    expect(ack.method).toBe('ACK');
    expect(ack.uri).toBe(invite.uri);
    expect(ack.topVia.branch).toBe(invite.topVia.branch);
    expect(ack.toTag).toBe('callee-tag');
    expect(ack.cseq).toEqual({ seq: invite.cseq.seq, method: 'ACK' });
    layer.receiveResponse({ message: busy, flow: udpFlow });
    expect(statuses).toEqual([486]);
    expect(parseBytes((sent.at(-1) as Sent).bytes).kind).toBe('request');
    expect(sent.filter((s) => (parseBytes(s.bytes) as SipRequest).method === 'ACK')).toHaveLength(2);
  });

  it('stops Timer A at a provisional response and hands every 2xx (forks) to the TU', async () => {
    const { layer, sent } = track(setup());
    const statuses: string[] = [];
    layer.sendRequest(outgoing('INVITE'), target, {
      onResponse: (r) => statuses.push(`${r.status}:${r.toTag}`),
      onTimeout: () => undefined,
      onTransportError: () => undefined,
    });
    await sleep(TIMERS.t1 + 10);
    expect(sent.length).toBe(2);
    layer.receiveResponse({ message: answer((sent[0] as Sent).bytes, 180, 'Ringing', 'a'), flow: udpFlow });
    await sleep(TIMERS.t1 * 4);
    expect(sent.length).toBe(2);
    layer.receiveResponse({ message: answer((sent[0] as Sent).bytes, 200, 'OK', 'a'), flow: udpFlow });
    layer.receiveResponse({ message: answer((sent[0] as Sent).bytes, 200, 'OK', 'b'), flow: udpFlow });
    expect(statuses).toEqual(['180:a', '200:a', '200:b']);
  });

  it('reports a timeout on Timer B when nobody answers', async () => {
    const { layer } = track(setup());
    let timedOut = false;
    layer.sendRequest(outgoing('INVITE'), target, { onResponse: () => undefined, onTimeout: () => (timedOut = true), onTransportError: () => undefined });
    await sleep(64 * TIMERS.t1 + 100);
    expect(timedOut).toBe(true);
  });
});

describe('server transactions (RFC 3261 §17.2)', () => {
  it('non-INVITE: absorbs retransmissions, repeats the final response byte for byte, lingers for Timer J', async () => {
    const { layer, sent, requests } = track(setup());
    const req = basicRequest('OPTIONS');
    layer.receiveRequest({ message: req, flow: udpFlow });
    layer.receiveRequest({ message: basicRequest('OPTIONS'), flow: udpFlow });
    expect(requests).toHaveLength(1);
    expect(sent).toHaveLength(0);
    (requests[0] as ServerTransaction).respond(createResponse(req, 200, 'OK', 't'));
    layer.receiveRequest({ message: basicRequest('OPTIONS'), flow: udpFlow });
    expect(sent).toHaveLength(2);
    expect((sent[1] as Sent).bytes.equals((sent[0] as Sent).bytes)).toBe(true);
    expect(layer.serverCount).toBe(1);
    await sleep(64 * TIMERS.t1 + 100);
    expect(layer.serverCount).toBe(0);
  });

  it('non-INVITE over TCP ends at once (Timer J is 0 on reliable transports)', () => {
    const { layer, requests } = track(setup());
    const req = basicRequest('OPTIONS');
    layer.receiveRequest({ message: req, flow: tcpFlow });
    (requests[0] as ServerTransaction).respond(createResponse(req, 200, 'OK'));
    expect(layer.serverCount).toBe(0);
  });

  it('INVITE: retransmits a failure on Timer G until the ACK, which the transaction absorbs', async () => {
    const { layer, sent, requests, acks } = track(setup());
    const invite = basicRequest('INVITE');
    layer.receiveRequest({ message: invite, flow: udpFlow });
    (requests[0] as ServerTransaction).respond(createResponse(invite, 486, 'Busy Here', 'busy'));
    await sleep(TIMERS.t1 * 3 + 10);
    const before = sent.length;
    expect(before).toBeGreaterThanOrEqual(2);
    const ack = basicRequest('ACK', 'z9hG4bK-test-1');
    layer.receiveRequest({ message: ack, flow: udpFlow });
    await sleep(TIMERS.t2 * 2);
    expect(sent.length).toBe(before);
    expect(acks).toHaveLength(0);
  });

  it('INVITE: reports Timer H when the ACK never comes', async () => {
    const { layer, requests } = track(setup());
    const invite = basicRequest('INVITE');
    layer.receiveRequest({ message: invite, flow: udpFlow });
    const tx = requests[0] as ServerInviteTransaction;
    let ackTimeout = false;
    tx.delegate = { onAckTimeout: () => (ackTimeout = true) };
    tx.respond(createResponse(invite, 486, 'Busy Here'));
    await sleep(64 * TIMERS.t1 + 100);
    expect(ackTimeout).toBe(true);
    expect(layer.serverCount).toBe(0);
  });

  it('CANCEL: 200 to the CANCEL and onCancel for a pending INVITE; 481 when nothing matches', () => {
    const { layer, sent, requests, cancels } = track(setup());
    layer.receiveRequest({ message: basicRequest('INVITE', 'z9hG4bK-inv'), flow: udpFlow });
    layer.receiveRequest({ message: basicRequest('CANCEL', 'z9hG4bK-inv'), flow: udpFlow });
    expect(cancels).toEqual([requests[0]]);
    expect((parseBytes((sent.at(-1) as Sent).bytes) as SipResponse).status).toBe(200);
    layer.receiveRequest({ message: basicRequest('CANCEL', 'z9hG4bK-other'), flow: udpFlow });
    expect((parseBytes((sent.at(-1) as Sent).bytes) as SipResponse).status).toBe(481);
    expect(requests).toHaveLength(1);
  });

  it('matches RFC 2543 requests (no magic cookie) by Call-ID, CSeq, From tag and Via', () => {
    const { layer, requests } = track(setup());
    const old = () =>
      basicRequest('OPTIONS', 'x').setHeader('via', 'SIP/2.0/UDP 127.0.0.1:5099') as SipRequest;
    layer.receiveRequest({ message: old(), flow: udpFlow });
    layer.receiveRequest({ message: old(), flow: udpFlow });
    expect(requests).toHaveLength(1);
    const other = old().setHeader('cseq', '2 OPTIONS') as SipRequest;
    layer.receiveRequest({ message: other, flow: udpFlow });
    expect(requests).toHaveLength(2);
  });

  it('drops stray responses', () => {
    const { layer } = track(setup());
    const stray = response(['SIP/2.0 200 OK', 'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKnobody', 'From: <sip:a@b>;tag=1', 'To: <sip:c@d>;tag=2', 'Call-ID: x', 'CSeq: 1 OPTIONS']);
    expect(layer.receiveResponse({ message: stray, flow: udpFlow })).toBe(false);
  });
});
