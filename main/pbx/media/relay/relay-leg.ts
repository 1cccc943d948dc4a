// One leg of a relay session inside a worker: its RTP/RTCP sockets, where its
// peer is (latched or from SDP, or selected by ICE on a WebRTC leg), what it
// may send (payload map), and counters.

import type { RemoteInfo, Socket } from 'node:dgram';
import type { WebRtcEndpoint } from '../webrtc/webrtc-endpoint';
import type { DroppedCounts, LegStats, RemoteMedia } from './media-relay';
import { payloadOffsetOf, sequenceOf, ssrcOf, timestampOf } from './rtp-header';
import { SequenceTracker } from './sequence-tracker';
import { SourceLatch } from './source-latch';
import { dtmfDigit, readTelephoneEvent } from './telephone-event';
import { closeSocket, type UdpPortPair } from './udp-port-pair';

const NO_MAPPING = -1;

export class RelayLeg {
  sockets: UdpPortPair | undefined;
  /** Set once the leg is prepared for WebRTC; it carries SRTP once the endpoint is active. */
  webrtc: WebRtcEndpoint | undefined;
  readonly rtpSource = new SourceLatch();
  readonly rtcpSource = new SourceLatch();
  private remote: RemoteMedia | undefined;
  /** Indexed by arriving payload type: the payload type it leaves with, or NO_MAPPING. */
  readonly payloadMap = new Int16Array(128).fill(NO_MAPPING);
  private telephoneEventPayloadType = NO_MAPPING;
  private lastReportedEventTimestamp = -1;
  private readonly sequence = new SequenceTracker();
  private lastSsrc = -1;

  packetsReceived = 0;
  bytesReceived = 0;
  packetsSent = 0;
  bytesSent = 0;
  rtcpPacketsReceived = 0;
  rtcpPacketsSent = 0;
  readonly dropped: DroppedCounts = { notRtp: 0, foreignSource: 0, unmappedPayloadType: 0, noDestination: 0, sendFailed: 0, notAuthentic: 0 };

  /** A changed address or port means the peer moved (re-INVITE): latch afresh. */
  setRemote(remote: RemoteMedia | undefined): void {
    const previous = this.remote;
    this.remote = remote;
    if (previous?.address === remote?.address && previous?.rtpPort === remote?.rtpPort && previous?.rtcpPort === remote?.rtcpPort) return;
    this.rtpSource.reset();
    this.rtcpSource.reset();
  }

  setPayloadMap(map: Record<number, number>): void {
    this.payloadMap.fill(NO_MAPPING);
    for (const [from, to] of Object.entries(map)) this.payloadMap[Number(from)] = to;
  }

  setTelephoneEvent(payloadType: number | undefined): void {
    this.telephoneEventPayloadType = payloadType ?? NO_MAPPING;
  }

  isTelephoneEvent(payloadType: number): boolean {
    return payloadType === this.telephoneEventPayloadType;
  }

  /** Loss accounting for an accepted RTP packet; a new SSRC starts a new stream. */
  trackSequence(packet: Buffer): void {
    const ssrc = ssrcOf(packet);
    if (ssrc !== this.lastSsrc) {
      if (this.lastSsrc !== -1) this.sequence.restart();
      this.lastSsrc = ssrc;
    }
    this.sequence.update(sequenceOf(packet));
  }

  /** The digit of a telephone-event packet that ends an event not reported yet (RFC 4733 §2.5.1.4 repeats the end packet). */
  endedDigit(packet: Buffer): string | undefined {
    const offset = payloadOffsetOf(packet);
    const event = offset === undefined ? undefined : readTelephoneEvent(packet, offset);
    if (!event?.end) return undefined;
    const timestamp = timestampOf(packet);
    if (timestamp === this.lastReportedEventTimestamp) return undefined;
    this.lastReportedEventTimestamp = timestamp;
    return dtmfDigit(event.event);
  }

  sendRtp(packet: Buffer): void {
    const webrtc = this.webrtc;
    const sent = webrtc?.active ? this.sendSecure(webrtc, packet, 'rtp') : this.sendTo(this.sockets?.rtp, this.rtpSource, this.remote?.rtpPort, packet);
    if (!sent) return;
    this.packetsSent++;
    this.bytesSent += sent.length;
  }

  sendRtcp(packet: Buffer): void {
    const webrtc = this.webrtc;
    const sent = webrtc?.active ? this.sendSecure(webrtc, packet, 'rtcp') : this.sendTo(this.sockets?.rtcp, this.rtcpSource, this.remote?.rtcpPort, packet);
    if (sent) this.rtcpPacketsSent++;
  }

  /** As SRTP or SRTCP, to where ICE selected, on the RTP port (rtcp-mux); nothing before ICE and DTLS are done. Returns what was sent. */
  private sendSecure(webrtc: WebRtcEndpoint, packet: Buffer, kind: 'rtp' | 'rtcp'): Buffer | undefined {
    const { sockets } = this;
    const destination = webrtc.destination;
    // Nothing is protected (no SRTCP index used, no ROC moved) for a packet that cannot go out.
    const secured = sockets && destination && (kind === 'rtp' ? webrtc.protectRtp(packet) : webrtc.protectRtcp(packet));
    if (!secured) {
      this.dropped.noDestination++;
      return undefined;
    }
    sockets.rtp.send(secured, destination.port, destination.address);
    return secured;
  }

  /** To the latched source, else the SDP address; never when the SDP port is 0 (a disabled stream, RFC 3264 §8.2). Returns what was sent. */
  private sendTo(socket: Socket | undefined, latch: SourceLatch, remotePort: number | undefined, packet: Buffer): Buffer | undefined {
    const latched = latch.address !== undefined;
    const address = latched ? latch.address : this.remote?.address;
    const port = latched ? latch.port : (remotePort ?? 0);
    if (!socket || remotePort === 0 || address === undefined || port === 0) {
      this.dropped.noDestination++;
      return undefined;
    }
    socket.send(packet, port, address);
    return packet;
  }

  countArrival(packet: Buffer): void {
    this.packetsReceived++;
    this.bytesReceived += packet.length;
  }

  isFromPeer(latch: SourceLatch, source: RemoteInfo, now: number): boolean {
    if (latch.accept(source.address, source.port, now)) return true;
    this.dropped.foreignSource++;
    return false;
  }

  stats(): LegStats {
    return {
      packetsReceived: this.packetsReceived,
      packetsSent: this.packetsSent,
      packetsLost: this.sequence.lost,
      bytesReceived: this.bytesReceived,
      bytesSent: this.bytesSent,
      rtcpPacketsReceived: this.rtcpPacketsReceived,
      rtcpPacketsSent: this.rtcpPacketsSent,
      dropped: { ...this.dropped },
    };
  }

  /** Back to plain RTP: the WebRTC endpoint's DTLS and SRTP end. */
  dropWebRtc(): void {
    this.webrtc?.close();
    this.webrtc = undefined;
  }

  async close(): Promise<void> {
    this.dropWebRtc();
    const sockets = this.sockets;
    this.sockets = undefined;
    if (sockets) await Promise.all([closeSocket(sockets.rtp), closeSocket(sockets.rtcp)]);
  }
}
