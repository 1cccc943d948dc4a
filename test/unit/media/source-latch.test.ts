import { describe, expect, it } from 'vitest';
import { RELATCH_AFTER_SILENCE_MS, SourceLatch } from '../../../main/pbx/media/relay/source-latch';

describe('symmetric RTP latching with the RTP bleed guard', () => {
  it('latches to the first source and refuses others while it is active', () => {
    const latch = new SourceLatch();
    expect(latch.accept('192.0.2.1', 4000, 0)).toBe(true);
    expect(latch.accept('192.0.2.9', 4000, 10)).toBe(false);
    expect(latch.accept('192.0.2.1', 4002, 20)).toBe(false);
    expect(latch.accept('192.0.2.1', 4000, RELATCH_AFTER_SILENCE_MS)).toBe(true);
    // Heard again at 2000 ms: a stranger is still refused just before 4000 ms.
    expect(latch.accept('192.0.2.9', 4000, 2 * RELATCH_AFTER_SILENCE_MS - 1)).toBe(false);
    expect([latch.address, latch.port]).toEqual(['192.0.2.1', 4000]);
  });

  it('moves to a new source after the latched one has been silent for 2 s (NAT rebinding)', () => {
    const latch = new SourceLatch();
    latch.accept('192.0.2.1', 4000, 0);
    expect(latch.accept('192.0.2.1', 5000, RELATCH_AFTER_SILENCE_MS)).toBe(true);
    expect(latch.accept('192.0.2.1', 4000, RELATCH_AFTER_SILENCE_MS + 1)).toBe(false);
  });

  it('latches afresh after reset()', () => {
    const latch = new SourceLatch();
    latch.accept('192.0.2.1', 4000, 0);
    latch.reset();
    expect(latch.accept('192.0.2.7', 6000, 1)).toBe(true);
  });
});
