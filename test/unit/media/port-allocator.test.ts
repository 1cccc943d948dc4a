import { describe, expect, it } from 'vitest';
import { PortAllocator } from '../../../main/pbx/media/relay/port-allocator';

describe('RTP port pairs (even RTP, RTCP = RTP + 1)', () => {
  it('starts on the first even port and keeps RTCP inside the range', () => {
    const ports = new PortAllocator([20001, 20008]);
    expect([ports.firstPort, ports.lastPort, ports.capacity]).toEqual([20002, 20007, 3]);
    expect([ports.take(), ports.take(), ports.take(), ports.take()]).toEqual([20002, 20004, 20006, undefined]);
    expect(ports.inUse).toBe(3);
  });

  it('hands freed pairs out again only after the others (round robin)', () => {
    const ports = new PortAllocator([30000, 30005]);
    const first = ports.take()!;
    ports.take();
    ports.release(first);
    expect(ports.take()).toBe(30004);
    expect(ports.take()).toBe(first);
    expect([ports.free, ports.take()]).toEqual([0, undefined]);
  });

  it('refuses ranges without a pair, and ports it did not hand out', () => {
    expect(() => new PortAllocator([20001, 20001])).toThrow(/no even\/odd port pair/);
    expect(() => new PortAllocator([20000, 70000])).toThrow(RangeError);
    const ports = new PortAllocator([40000, 40003]);
    expect(() => ports.release(40000)).toThrow(/was not taken/);
    expect(() => ports.release(40001)).toThrow(/was not taken/);
  });
});
