// Registers the callee extensions from one UDP port: the port the SIPp UAS
// binds next. Both servers then send the callee's INVITEs there (Dialtone to
// the binding's source address, Kamailio to the Contact, which is the same).
// SIPp cannot REGISTER and then act as a UAS in one scenario, hence this.
// Digest MD5 with or without qop=auth (RFC 3261 §22.4, RFC 2617 §3.2.2).
import { createHash, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';

/** Retransmitted as a UDP client transaction does (RFC 3261 §17.1.2.2: T1 = 500 ms, doubling, at most T2 = 4 s). */
const T1_MS = 500;
const T2_MS = 4000;
const REPLY_TIMEOUT_MS = 16_000;
const IN_FLIGHT = 50;
const EXPIRES_S = 3600;

const md5 = (text) => createHash('md5').update(text).digest('hex');

function header(message, name) {
  return message.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'im'))?.[1]?.trim();
}

/** The MD5 challenge among the WWW-Authenticate / Proxy-Authenticate headers. */
function md5Challenge(message) {
  const challenges = [...message.matchAll(/^(?:WWW|Proxy)-Authenticate\s*:\s*Digest\s+(.*)$/gim)].map(([, params]) =>
    Object.fromEntries([...params.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)].map(([, key, quoted, token]) => [key.toLowerCase(), quoted ?? token])),
  );
  const challenge = challenges.find((c) => (c.algorithm ?? 'MD5').toUpperCase() === 'MD5');
  if (!challenge) throw new Error(`no MD5 digest challenge in:\n${message.slice(0, 600)}`);
  return challenge;
}

function authorization(challenge, { user, password, uri }) {
  const ha1 = md5(`${user}:${challenge.realm}:${password}`);
  const ha2 = md5(`REGISTER:${uri}`);
  const fields = [`username="${user}"`, `realm="${challenge.realm}"`, `nonce="${challenge.nonce}"`, `uri="${uri}"`, 'algorithm=MD5'];
  if (challenge.qop?.split(',').map((q) => q.trim()).includes('auth')) {
    const cnonce = randomBytes(8).toString('hex');
    const nc = '00000001';
    fields.push(`response="${md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`, 'qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  } else {
    fields.push(`response="${md5(`${ha1}:${challenge.nonce}:${ha2}`)}"`);
  }
  if (challenge.opaque !== undefined) fields.push(`opaque="${challenge.opaque}"`);
  return `Digest ${fields.join(', ')}`;
}

/**
 * Registers every `{ user, password }` with Contact 127.0.0.1:`localPort`,
 * sending from that port, then closes the socket so SIPp can bind it.
 */
export async function registerCallees({ serverPort, localPort, callees }) {
  const socket = dgram.createSocket('udp4');
  await new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(localPort, '127.0.0.1', resolve);
  });
  const pending = new Map(); // Call-ID -> resolve(response text)
  socket.on('message', (packet) => {
    const text = packet.toString('latin1');
    const callId = header(text, '(?:Call-ID|i)');
    if (/^SIP\/2\.0 1\d\d/.test(text)) return; // provisional: the final response follows
    pending.get(callId)?.(text);
  });

  const serverUri = `sip:127.0.0.1:${serverPort}`;
  const send = (request, callId) =>
    new Promise((resolve, reject) => {
      const bytes = Buffer.from(request, 'latin1');
      let retransmit;
      const transmit = (interval) => {
        socket.send(bytes, serverPort, '127.0.0.1');
        retransmit = setTimeout(() => transmit(Math.min(2 * interval, T2_MS)), interval);
      };
      const timer = setTimeout(() => {
        clearTimeout(retransmit);
        pending.delete(callId);
        reject(new Error(`no answer to REGISTER within ${REPLY_TIMEOUT_MS / 1000} s`));
      }, REPLY_TIMEOUT_MS);
      pending.set(callId, (text) => {
        clearTimeout(timer);
        clearTimeout(retransmit);
        pending.delete(callId);
        resolve(text);
      });
      transmit(T1_MS);
    });

  const registerOne = async ({ user, password }) => {
    const callId = `${randomBytes(10).toString('hex')}@call-bench`;
    const request = (cseq, auth) =>
      [
        `REGISTER ${serverUri} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${localPort};rport;branch=z9hG4bK${randomBytes(8).toString('hex')}`,
        'Max-Forwards: 70',
        `From: <sip:${user}@127.0.0.1:${serverPort}>;tag=${randomBytes(6).toString('hex')}`,
        `To: <sip:${user}@127.0.0.1:${serverPort}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} REGISTER`,
        `Contact: <sip:${user}@127.0.0.1:${localPort}>`,
        `Expires: ${EXPIRES_S}`,
        ...(auth ? [`Authorization: ${auth}`] : []),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
    const first = await send(request(1, undefined), callId);
    if (/^SIP\/2\.0 200/.test(first)) return;
    if (!/^SIP\/2\.0 (401|407)/.test(first)) throw new Error(`REGISTER ${user}: ${first.split('\r\n')[0]}`);
    const second = await send(request(2, authorization(md5Challenge(first), { user, password, uri: serverUri })), callId);
    if (!/^SIP\/2\.0 200/.test(second)) throw new Error(`REGISTER ${user} with credentials: ${second.split('\r\n')[0]}`);
  };

  try {
    let next = 0;
    const lane = async () => {
      while (next < callees.length) await registerOne(callees[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, callees.length) }, lane));
  } finally {
    await new Promise((resolve) => socket.close(resolve));
  }
}
