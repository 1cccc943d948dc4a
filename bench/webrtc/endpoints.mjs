// The two kinds of calling endpoint (see callers.mjs): each gives an SDP
// offer, takes the answer, sends a payload as one RTP packet and hands back
// the payloads of the RTP it receives. Both stay on loopback.
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';

const CONNECT_TIMEOUT_MS = 20_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** werift: no STUN server, no IPv6, a 127.0.0.1 host candidate. */
export async function openWebRtcEndpoint() {
  const pc = new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceAdditionalHostAddresses: ['127.0.0.1'], iceInterfaceAddresses: { udp4: '127.0.0.1' } });
  const transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
  await pc.setLocalDescription(await pc.createOffer());
  while (pc.iceGatheringState !== 'complete') await sleep(5);
  let listener = () => undefined;
  let sequence = 0;
  return {
    offer: pc.localDescription.sdp,
    onPayload: (handler) => (listener = handler),
    async connect(answer) {
      const up = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('werift did not connect')), CONNECT_TIMEOUT_MS);
        pc.connectionStateChange.subscribe((state) => state === 'connected' && (clearTimeout(timer), resolve()));
      });
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
      await up;
      // The echo comes back with our own SSRC. werift's router knows that SSRC as its sender's and throws on it (a
      // loopback it never expects), which stops the transport's later listeners: unlisted there, it is simply not routed.
      delete pc.router.ssrcTable[transceiver.sender.ssrc];
      // Read straight from the transport (werift routes to a track only SSRCs that an a=ssrc line names).
      transceiver.dtlsTransport.onRtp.subscribe((rtp) => listener(rtp.payload));
    },
    send(payload) {
      sequence = (sequence + 1) & 0xffff;
      transceiver.sender.sendRtp(new RtpPacket(new RtpHeader({ payloadType: 0, sequenceNumber: sequence, timestamp: sequence * 160 }), payload));
    },
    close: () => pc.close(),
  };
}

/** A SIP phone's media: one UDP socket, RTP/AVP PCMU, RTP sent to the answer's address and port. */
export async function openPlainEndpoint() {
  const socket = dgram.createSocket('udp4');
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  const ssrc = randomBytes(4).readUInt32BE(0);
  let destination;
  let sequence = 0;
  return {
    offer: ['v=0', `o=- ${port} 1 IN IP4 127.0.0.1`, 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=ptime:20', 'a=sendrecv', ''].join('\r\n'),
    onPayload: (handler) => socket.on('message', (packet) => packet.length > 12 && handler(packet.subarray(12))),
    async connect(answer) {
      destination = { address: /^c=IN IP4 (\S+)/m.exec(answer)[1], port: Number(/^m=audio (\d+)/m.exec(answer)[1]) };
    },
    send(payload) {
      sequence = (sequence + 1) & 0xffff;
      const packet = Buffer.alloc(12 + payload.length);
      packet[0] = 0x80;
      packet.writeUInt16BE(sequence, 2);
      packet.writeUInt32BE((sequence * 160) >>> 0, 4);
      packet.writeUInt32BE(ssrc, 8);
      payload.copy(packet, 12);
      socket.send(packet, destination.port, destination.address);
    },
    close: () => new Promise((resolve) => socket.close(resolve)),
  };
}
