// One relay session inside a worker: RTP arriving on a leg goes out of the
// other leg's port, RTCP likewise. This is the per-packet path: no allocation
// beyond what dgram does (and SRTP on a WebRTC leg), no message to the main
// thread.

import type { RemoteInfo } from 'node:dgram';
import type { DtlsCertificate } from '../webrtc/dtls-certificate';
import { classifyPacket, PacketKind } from '../webrtc/packet-demux';
import { WebRtcEndpoint } from '../webrtc/webrtc-endpoint';
import type { DtlsSrtpKeys, WebRtcRemoteParameters, WebRtcState } from '../webrtc/webrtc-parameters';
import { DtmfSender, type DtmfRequest } from './dtmf-sender';
import type { LegName, SessionStats } from './media-relay';
import { OutboundStream } from './outbound-stream';
import { RelayLeg } from './relay-leg';
import { isRtpV2, isVersion2, payloadTypeOf, RTCP_MIN_BYTES, setPayloadType } from './rtp-header';
import { bindPortPair } from './udp-port-pair';

const otherLeg = (leg: LegName): LegName => (leg === 'a' ? 'b' : 'a');

export class WorkerSession {
  readonly legs: Record<LegName, RelayLeg> = { a: new RelayLeg(), b: new RelayLeg() };
  /** The stream the relay sends toward each leg. */
  private readonly toward: Record<LegName, OutboundStream> = { a: new OutboundStream(), b: new OutboundStream() };
  private readonly dtmf: Record<LegName, DtmfSender> = {
    a: new DtmfSender(this.toward.a, (packet) => this.legs.a.sendRtp(packet)),
    b: new DtmfSender(this.toward.b, (packet) => this.legs.b.sendRtp(packet)),
  };
  private lastActivityAt = Date.now();
  private idleReported = false;
  private closed = false;

  constructor(
    private readonly bindAddress: string,
    private readonly certificate: DtlsCertificate,
    private readonly events: {
      dtmf(from: LegName, digit: string): void;
      webrtcState(leg: LegName, state: WebRtcState, detail: string, keys?: DtlsSrtpKeys): void;
    },
  ) {}

  async bindLeg(name: LegName, rtpPort: number): Promise<void> {
    const from = this.legs[name];
    const to = this.legs[otherLeg(name)];
    const stream = this.toward[otherLeg(name)];
    const sockets = await bindPortPair(this.bindAddress, rtpPort, {
      rtp: (packet, source) => {
        const webrtc = from.webrtc;
        if (webrtc) this.receiveWebRtc(webrtc, name, from, to, stream, packet, source);
        else this.relayRtp(name, from, to, stream, packet, source);
      },
      rtcp: (packet, source) => this.relayRtcp(from, to, packet, source),
      sendError: () => from.dropped.sendFailed++,
    });
    from.sockets = sockets;
    // Closed while binding: the close did not see these sockets.
    if (this.closed) {
      await from.close();
      throw new Error('the session was closed while its ports were being bound');
    }
  }

  /** The leg answers ICE checks with these credentials; a prepared leg given new ones restarts ICE. */
  prepareWebRtc(name: LegName, ufrag: string, pwd: string): void {
    const leg = this.legs[name];
    if (leg.webrtc) return leg.webrtc.restartIce({ ufrag, pwd });
    leg.webrtc = new WebRtcEndpoint(
      { ufrag, pwd },
      this.certificate,
      (packet, to) => leg.sockets?.rtp.send(packet, to.port, to.address),
      (state, detail, keys) => this.events.webrtcState(name, state, detail, keys),
    );
  }

  setWebRtcRemote(name: LegName, remote: WebRtcRemoteParameters | undefined): void {
    const leg = this.legs[name];
    if (remote) leg.webrtc?.setRemote(remote);
    else leg.dropWebRtc();
  }

  /** A prepared leg takes over a browser's DTLS-SRTP association from another leg (see WebRtcEndpoint.adopt). */
  adoptWebRtc(name: LegName, remote: WebRtcRemoteParameters, keys: DtlsSrtpKeys): void {
    this.legs[name].webrtc?.adopt(remote, keys);
  }

  sendDtmf(to: LegName, request: DtmfRequest): void {
    this.dtmf[to].enqueue(request);
  }

  /** True once, when neither leg has sent anything accepted for `timeoutMs`. */
  becameIdle(now: number, timeoutMs: number): boolean {
    if (this.idleReported || now - this.lastActivityAt < timeoutMs) return false;
    this.idleReported = true;
    return true;
  }

  stats(): SessionStats {
    return { a: this.legs.a.stats(), b: this.legs.b.stats() };
  }

  async close(): Promise<SessionStats> {
    this.closed = true;
    this.dtmf.a.stop();
    this.dtmf.b.stop();
    await Promise.all([this.legs.a.close(), this.legs.b.close()]);
    return this.stats();
  }

  private relayRtp(fromName: LegName, from: RelayLeg, to: RelayLeg, stream: OutboundStream, packet: Buffer, source: RemoteInfo): void {
    from.countArrival(packet);
    if (!isRtpV2(packet)) {
      from.dropped.notRtp++;
      return;
    }
    const now = Date.now();
    if (!from.isFromPeer(from.rtpSource, source, now)) return;
    this.forwardRtp(fromName, from, to, stream, packet, now);
  }

  /**
   * A WebRTC leg's port (RFC 7983): STUN and DTLS go to its endpoint; SRTP and
   * SRTCP are authenticated and decrypted, then relayed like plain RTP and
   * RTCP (SRTP authentication stands in for the source latch). Until the
   * peer's SDP makes the leg WebRTC, RTP is plain (a plain fork may answer).
   */
  private receiveWebRtc(webrtc: WebRtcEndpoint, fromName: LegName, from: RelayLeg, to: RelayLeg, stream: OutboundStream, packet: Buffer, source: RemoteInfo): void {
    const kind = classifyPacket(packet);
    if (kind === PacketKind.stun) return webrtc.receiveStun(packet, source);
    if (kind === PacketKind.dtls) return webrtc.receiveDtls(packet, source);
    if (!webrtc.active) return this.relayRtp(fromName, from, to, stream, packet, source);
    if (kind === PacketKind.rtcp) {
      from.rtcpPacketsReceived++;
      const rtcp = webrtc.unprotectRtcp(packet);
      if (rtcp) return this.forwardRtcp(to, rtcp, Date.now());
      from.dropped.notAuthentic++;
      return;
    }
    from.countArrival(packet);
    if (kind !== PacketKind.rtp) {
      from.dropped.notRtp++;
      return;
    }
    const rtp = webrtc.unprotectRtp(packet);
    if (rtp) return this.forwardRtp(fromName, from, to, stream, rtp, Date.now());
    from.dropped.notAuthentic++;
  }

  private forwardRtp(fromName: LegName, from: RelayLeg, to: RelayLeg, stream: OutboundStream, packet: Buffer, now: number): void {
    this.lastActivityAt = now;
    from.trackSequence(packet);
    const payloadType = payloadTypeOf(packet);
    if (from.isTelephoneEvent(payloadType)) {
      const digit = from.endedDigit(packet);
      if (digit !== undefined) this.events.dtmf(fromName, digit);
    }
    const mapped = from.payloadMap[payloadType]!;
    if (mapped < 0) {
      from.dropped.unmappedPayloadType++;
      return;
    }
    setPayloadType(packet, mapped);
    stream.forward(packet, now);
    to.sendRtp(packet);
  }

  /** RTCP passes unchanged (RFC 3550 §6): only its source is checked. */
  private relayRtcp(from: RelayLeg, to: RelayLeg, packet: Buffer, source: RemoteInfo): void {
    from.rtcpPacketsReceived++;
    if (!isVersion2(packet, RTCP_MIN_BYTES)) {
      from.dropped.notRtp++;
      return;
    }
    const now = Date.now();
    if (!from.isFromPeer(from.rtcpSource, source, now)) return;
    this.forwardRtcp(to, packet, now);
  }

  private forwardRtcp(to: RelayLeg, packet: Buffer, now: number): void {
    this.lastActivityAt = now;
    to.sendRtcp(packet);
  }
}
