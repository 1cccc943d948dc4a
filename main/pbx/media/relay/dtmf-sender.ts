// Injects RFC 4733 telephone-events into the stream toward one leg. One event
// at a time; digits sent while one plays wait their turn.

import { buildTelephoneEventPacket, DEFAULT_VOLUME, MAX_DURATION_TICKS } from './telephone-event';
import type { OutboundStream } from './outbound-stream';

/** An update every 50 ms while the event lasts (RFC 4733 §2.5.1.2 suggests 50 ms for DTMF). */
export const UPDATE_INTERVAL_MS = 50;
/** The final packet is sent three times (RFC 4733 §2.5.1.4). */
export const END_PACKETS = 3;

export interface DtmfRequest {
  event: number;
  durationMs: number;
  payloadType: number;
  clockRate: number;
}

export interface EventPacketPlan {
  end: boolean;
  /** Ticks of the RTP clock since the event began. */
  duration: number;
}

/**
 * The packets of one event, one per UPDATE_INTERVAL_MS: updates whose duration
 * grows by one interval (capped at the total), then END_PACKETS end packets
 * with the total. The total is capped to what the 16-bit field holds.
 */
export function planTelephoneEvent(durationMs: number, clockRate: number): EventPacketPlan[] {
  const total = Math.min(Math.round((durationMs * clockRate) / 1000), MAX_DURATION_TICKS);
  const perUpdate = (UPDATE_INTERVAL_MS * clockRate) / 1000;
  const updates = Math.max(1, Math.ceil(total / perUpdate));
  const plan: EventPacketPlan[] = [];
  for (let i = 1; i <= updates; i++) plan.push({ end: false, duration: Math.min(Math.round(i * perUpdate), total) });
  for (let i = 0; i < END_PACKETS; i++) plan.push({ end: true, duration: total });
  return plan;
}

export class DtmfSender {
  private readonly queue: DtmfRequest[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: OutboundStream,
    private readonly send: (packet: Buffer) => void,
  ) {}

  enqueue(request: DtmfRequest): void {
    this.queue.push(request);
    if (!this.timer) this.startNext();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private startNext(): void {
    const request = this.queue.shift();
    if (!request) return;
    const plan = planTelephoneEvent(request.durationMs, request.clockRate);
    // Every packet of an event carries the timestamp of its start (RFC 4733 §2.5.1.1).
    const timestamp = this.stream.timestampAt(Date.now(), request.clockRate);
    let next = 0;
    const sendOne = () => {
      const step = plan[next]!;
      const header = {
        marker: next === 0,
        payloadType: request.payloadType,
        sequence: this.stream.nextInjectedSequence(),
        timestamp,
        ssrc: this.stream.ssrc,
      };
      this.send(buildTelephoneEventPacket(header, { event: request.event, end: step.end, volume: DEFAULT_VOLUME, duration: step.duration }));
      if (++next < plan.length) return;
      clearInterval(this.timer);
      this.timer = undefined;
      this.startNext();
    };
    this.timer = setInterval(sendOne, UPDATE_INTERVAL_MS);
    sendOne();
  }
}
