// Binding a leg's port pair where a port is taken fails without leaving a
// descriptor behind (the relay skips taken ports, possibly thousands of them).
import { readdirSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { bindPortPair, closeSocket } from '../../../main/pbx/media/relay/udp-port-pair';

const openDescriptors = () => readdirSync('/proc/self/fd').length;
const ignore = () => undefined;
const handlers = { rtp: ignore, rtcp: ignore, sendError: ignore };

async function takenPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, release: () => closeSocket(socket) };
}

describe('bindPortPair', () => {
  it('rejects with EADDRINUSE and keeps no descriptor when the RTP port is taken', async () => {
    const taken = await takenPort();
    const before = openDescriptors();
    for (let i = 0; i < 50; i++) await expect(bindPortPair('127.0.0.1', taken.port, handlers)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(openDescriptors()).toBe(before);
    await taken.release();
  });

  it('closes the RTP socket again when only the RTCP port is taken', async () => {
    const taken = await takenPort();
    const before = openDescriptors();
    for (let i = 0; i < 50; i++) await expect(bindPortPair('127.0.0.1', taken.port - 1, handlers)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(openDescriptors()).toBe(before);
    await taken.release();
  });
});
