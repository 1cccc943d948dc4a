import { describe, expect, it } from 'vitest';
import { SequenceTracker } from '../../../main/pbx/media/relay/sequence-tracker';

function track(sequences: number[]): SequenceTracker {
  const tracker = new SequenceTracker();
  for (const sequence of sequences) tracker.update(sequence);
  return tracker;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => (from + i) % 0x10000);

describe('RTP loss from sequence numbers (RFC 3550 A.1, A.3)', () => {
  it('counts no loss for an unbroken stream', () => {
    expect(track(range(1000, 500)).lost).toBe(0);
  });

  it('counts the numbers a sender skipped', () => {
    expect(track(range(10, 100).filter((s) => s !== 20 && s !== 21 && s !== 90)).lost).toBe(3);
  });

  it('follows the 16-bit wraparound with extended sequence numbers', () => {
    const sequences = range(65500, 100).filter((s) => s !== 65535 && s !== 0 && s !== 7);
    expect(sequences).toContain(1);
    expect(track(sequences).lost).toBe(3);
  });

  it('keeps counting over many wraps', () => {
    const tracker = new SequenceTracker();
    for (let i = 0; i < 3 * 65536 + 10; i++) if (i % 1000 !== 999) tracker.update(i % 65536);
    expect(tracker.lost).toBe(Math.floor((3 * 65536 + 10) / 1000));
  });

  it('never reports negative loss for duplicates, and recovers a late packet', () => {
    expect(track([1, 2, 2, 2, 3, 4]).lost).toBe(0);
    expect(track([1, 2, 4, 5, 3, 6]).lost).toBe(0);
    expect(track([65534, 65535, 1, 0, 2]).lost).toBe(0);
  });

  it('ignores one stray packet far away, and restarts when the jump is confirmed by the next number', () => {
    // 30000 is a lone stray: not counted, no effect on the range.
    expect(track([1, 2, 3, 30000, 4, 5]).lost).toBe(0);
    // A sender that restarted at 40000: the loss before (one packet, 3) is kept, the jump is not loss.
    expect(track([1, 2, 4, 40000, 40001, 40002, 40004]).lost).toBe(2);
  });

  it('keeps the loss of an earlier stream across restart() (a new SSRC)', () => {
    const tracker = track([1, 3]);
    tracker.restart();
    for (const sequence of [500, 501, 503]) tracker.update(sequence);
    expect(tracker.lost).toBe(2);
  });
});
