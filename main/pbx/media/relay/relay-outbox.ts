// Messages between the signalling thread and a relay worker, sent in batches.
// Each postMessage costs a structured clone plus a wake-up of the receiving
// thread (a syscall); a call setup used to send ten of them. Messages queued
// in one event-loop turn go out together in one postMessage once the turn's
// I/O callbacks have run (setImmediate), so a turn that sets up several calls
// pays for one. Order is kept: one queue per direction, sent in order.

export class RelayOutbox<Message> {
  private queue: Message[] = [];

  constructor(private readonly send: (batch: Message[]) => void) {}

  push(message: Message): void {
    if (this.queue.push(message) === 1) setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    const batch = this.queue;
    this.queue = [];
    this.send(batch);
  };
}
