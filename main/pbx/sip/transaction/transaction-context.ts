import { FixedDelayQueue, type QueuedTimer } from './fixed-delay-queue';
import { timerDurations, type SipTimerConfig } from './timer-config';

/** What every transaction needs from the layer that owns it. */
export class TransactionContext {
  private readonly queues = new Map<number, FixedDelayQueue>();

  constructor(
    readonly timers: SipTimerConfig,
    /** Called once when a transaction reaches Terminated, so the layer forgets it. */
    readonly onTerminated: (key: string) => void,
    /** Keeps a final response for Timer J after its non-INVITE server transaction ended. */
    readonly linger: (key: string, bytes: Buffer, send: (bytes: Buffer) => void) => void = () => undefined,
  ) {}

  durations(reliable: boolean) {
    return timerDurations(this.timers, reliable);
  }

  /** Runs `fire` after `delay` ms on a shared queue; a 0 delay runs it now and returns undefined. */
  after(delay: number, fire: () => void): QueuedTimer | undefined {
    if (delay <= 0) {
      fire();
      return undefined;
    }
    let queue = this.queues.get(delay);
    if (!queue) this.queues.set(delay, (queue = new FixedDelayQueue(delay)));
    return queue.add(fire);
  }

  cancel(timer: QueuedTimer | undefined): void {
    if (timer) timer.fire = undefined;
  }

  /** How many timers are pending, for tests and stats. */
  pendingTimers(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.size;
    return n;
  }

  close(): void {
    for (const q of this.queues.values()) q.clear();
    this.queues.clear();
  }
}
