// A minimal SIP caller over UDP for the bench: INVITE with an SDP offer,
// digest (MD5) on a 407/401, ACK, BYE (RFC 3261 §17.1.1, §13.2.2.4). One
// socket for all calls; responses are matched by Call-ID. Only what a
// benchmark of the engine needs: no forking, no re-INVITE.
import { createHash, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';

const T1_MS = 500;
const FINAL_TIMEOUT_MS = 32_000;
const md5 = (text) => createHash('md5').update(text).digest('hex');
const header = (message, name) => message.match(new RegExp(`^(?:${name})\\s*:\\s*(.*)$`, 'im'))?.[1]?.trim();
const statusOf = (message) => Number(message.slice(8, 11));
const bodyOf = (message) => message.slice(message.indexOf('\r\n\r\n') + 4);

function digestAuthorization(message, { user, password, method, uri }) {
  const line = message.match(/^(?:WWW|Proxy)-Authenticate\s*:\s*Digest\s+(.*)$/im)?.[1] ?? '';
  const c = Object.fromEntries([...line.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)].map(([, k, q, t]) => [k.toLowerCase(), q ?? t]));
  const ha1 = md5(`${user}:${c.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const fields = [`username="${user}"`, `realm="${c.realm}"`, `nonce="${c.nonce}"`, `uri="${uri}"`, 'algorithm=MD5'];
  if ((c.qop ?? '').split(',').map((q) => q.trim()).includes('auth')) {
    const cnonce = randomBytes(8).toString('hex');
    fields.push(`response="${md5(`${ha1}:${c.nonce}:00000001:${cnonce}:auth:${ha2}`)}"`, 'qop=auth', 'nc=00000001', `cnonce="${cnonce}"`);
  } else {
    fields.push(`response="${md5(`${ha1}:${c.nonce}:${ha2}`)}"`);
  }
  if (c.opaque !== undefined) fields.push(`opaque="${c.opaque}"`);
  return { name: /^SIP\/2\.0 407/.test(message) ? 'Proxy-Authorization' : 'Authorization', value: `Digest ${fields.join(', ')}` };
}

export async function openSipCaller({ serverPort, user, password }) {
  const socket = dgram.createSocket('udp4');
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const localPort = socket.address().port;
  const calls = new Map(); // Call-ID -> (response text) => void
  socket.on('message', (packet) => {
    const text = packet.toString('latin1');
    if (text.startsWith('SIP/2.0')) return calls.get(header(text, 'Call-ID|i'))?.(text);
    // A request in one of our dialogs (the engine's BYE): 200 OK, echoing the request's headers.
    const lines = text.split('\r\n');
    const keep = lines.filter((l) => /^(Via|v|From|f|To|t|Call-ID|i|CSeq)\s*:/i.test(l));
    socket.send(Buffer.from(['SIP/2.0 200 OK', ...keep, 'Content-Length: 0', '', ''].join('\r\n')), serverPort, '127.0.0.1');
  });
  const send = (text) => socket.send(Buffer.from(text, 'latin1'), serverPort, '127.0.0.1');
  const via = () => `Via: SIP/2.0/UDP 127.0.0.1:${localPort};branch=z9hG4bK${randomBytes(8).toString('hex')};rport`;

  /**
   * Calls `target` with `sdp`; resolves once answered with the times (ms, from
   * the first INVITE) of the first 180 and of the 200, and the answer's SDP.
   */
  async function call(target, sdp) {
    const callId = `${randomBytes(10).toString('hex')}@webrtc-bench`;
    const fromTag = randomBytes(6).toString('hex');
    const uri = `sip:${target}@127.0.0.1:${serverPort}`;
    const started = performance.now();
    let ringingMs;
    const invite = (cseq, viaLine, auth) =>
      [
        `INVITE ${uri} SIP/2.0`,
        viaLine,
        'Max-Forwards: 70',
        `From: <sip:${user}@127.0.0.1>;tag=${fromTag}`,
        `To: <${uri}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} INVITE`,
        `Contact: <sip:${user}@127.0.0.1:${localPort}>`,
        ...(auth ? [`${auth.name}: ${auth.value}`] : []),
        'Content-Type: application/sdp',
        `Content-Length: ${Buffer.byteLength(sdp, 'latin1')}`,
        '',
        sdp,
      ].join('\r\n');
    /** Sends an INVITE, retransmitting until a response (Timer A); resolves with the final response. */
    const transaction = (cseq, auth) =>
      new Promise((resolve, reject) => {
        const viaLine = via();
        const text = invite(cseq, viaLine, auth);
        let retransmit;
        const transmit = (interval) => {
          send(text);
          retransmit = setTimeout(() => transmit(2 * interval), interval);
        };
        const timer = setTimeout(() => reject(new Error(`INVITE ${callId}: no final response`)), FINAL_TIMEOUT_MS);
        calls.set(callId, (response) => {
          if (!header(response, 'CSeq').startsWith(`${cseq} `)) return;
          clearTimeout(retransmit);
          const status = statusOf(response);
          if (status === 180 && ringingMs === undefined) ringingMs = performance.now() - started;
          if (status < 200) return;
          clearTimeout(timer);
          resolve({ response, viaLine });
        });
        transmit(T1_MS);
      });
    let { response, viaLine } = await transaction(1);
    const ackFor = (final, cseq, viaHeader, requestUri) =>
      [`ACK ${requestUri} SIP/2.0`, viaHeader, 'Max-Forwards: 70', `From: <sip:${user}@127.0.0.1>;tag=${fromTag}`, `To: ${header(final, 'To|t')}`, `Call-ID: ${callId}`, `CSeq: ${cseq} ACK`, 'Content-Length: 0', '', ''].join('\r\n');
    if (statusOf(response) === 401 || statusOf(response) === 407) {
      // The ACK of a non-2xx final response is part of its INVITE transaction: same Via branch (§17.1.1.3).
      send(ackFor(response, 1, viaLine, uri));
      ({ response } = await transaction(2, digestAuthorization(response, { user, password, method: 'INVITE', uri })));
    }
    const cseq = Number(header(response, 'CSeq').split(' ')[0]);
    if (statusOf(response) !== 200) throw new Error(`INVITE ${target}: ${response.split('\r\n')[0]}`);
    const answeredMs = performance.now() - started;
    const remoteTarget = header(response, 'Contact|m').replace(/^.*<([^>]+)>.*$/, '$1');
    const toHeader = header(response, 'To|t');
    send(ackFor(response, cseq, via(), remoteTarget));
    return {
      ringingMs,
      answeredMs,
      answer: bodyOf(response),
      bye() {
        calls.delete(callId);
        send(
          [`BYE ${remoteTarget} SIP/2.0`, via(), 'Max-Forwards: 70', `From: <sip:${user}@127.0.0.1>;tag=${fromTag}`, `To: ${toHeader}`, `Call-ID: ${callId}`, `CSeq: ${cseq + 1} BYE`, 'Content-Length: 0', '', ''].join('\r\n'),
        );
      },
    };
  }

  return { call, close: () => new Promise((resolve) => socket.close(resolve)) };
}
