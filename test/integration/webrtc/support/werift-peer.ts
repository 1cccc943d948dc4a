// werift's RTCPeerConnection as a WebRTC endpoint that is not a browser: it
// speaks real ICE (full agent), DTLS and SRTP, and runs in the test process,
// so a test can drive the relay's WebRTC leg alone and see every packet.
// Kept on loopback: no STUN server, no IPv6, a 127.0.0.1 host candidate.

import { RTCPeerConnection, type RtcpPacket, type RTCRtpTransceiver, type RtpPacket } from 'werift';

export interface WeriftPeer {
  pc: RTCPeerConnection;
  transceiver: RTCRtpTransceiver;
  /** RTP and RTCP the peer received, decrypted. */
  received: RtpPacket[];
  receivedRtcp: RtcpPacket[];
  close(): Promise<void>;
}

export function weriftPeer(): WeriftPeer {
  const pc = new RTCPeerConnection({
    iceServers: [],
    iceUseIpv6: false,
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
  });
  const transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
  const received: RtpPacket[] = [];
  const receivedRtcp: RtcpPacket[] = [];
  // Straight from the transport: werift routes RTP to a track only by signalled SSRCs (a=ssrc), and the relay
  // forwards the other leg's SSRC, which no SDP names (browsers take such unsignalled streams).
  pc.connectionStateChange.subscribe((state) => {
    if (state !== 'connected') return;
    transceiver.dtlsTransport.onRtp.subscribe((rtp) => received.push(rtp));
    transceiver.dtlsTransport.onRtcp.subscribe((rtcp) => receivedRtcp.push(rtcp));
  });
  return { pc, transceiver, received, receivedRtcp, close: () => pc.close() };
}

/** Our offer or answer's SDP once werift has gathered its candidates. */
export async function localSdp(pc: RTCPeerConnection, type: 'offer' | 'answer'): Promise<string> {
  const description = type === 'offer' ? await pc.createOffer() : await pc.createAnswer();
  await pc.setLocalDescription(description);
  while (pc.iceGatheringState !== 'complete') await new Promise((resolve) => setTimeout(resolve, 10));
  return pc.localDescription!.sdp;
}
