// One relay session inside a worker: RTP arriving on a leg goes out of the
// other leg's port, RTCP likewise. This is the per-packet path: no allocation
// beyond what dgram does, no message to the main thread.

import type { RemoteInfo } from 'node:dgram';
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
    private readonly onDtmf: (from: LegName, digit: string) => void,
  ) {}

  async bindLeg(name: LegName, rtpPort: number): Promise<void> {
    const from = this.legs[name];
    const to = this.legs[otherLeg(name)];
    const stream = this.toward[otherLeg(name)];
    const sockets = await bindPortPair(this.bindAddress, rtpPort, {
      rtp: (packet, source) => this.relayRtp(name, from, to, stream, packet, source),
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
    this.lastActivityAt = now;
    from.trackSequence(packet);
    const payloadType = payloadTypeOf(packet);
    if (from.isTelephoneEvent(payloadType)) {
      const digit = from.endedDigit(packet);
      if (digit !== undefined) this.onDtmf(fromName, digit);
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
    this.lastActivityAt = now;
    to.sendRtcp(packet);
  }
}
