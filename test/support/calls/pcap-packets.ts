import { readFileSync } from 'node:fs';

/** The number of packets in a classic libpcap file: a 24-byte file header, then per packet a 16-byte header and its bytes. */
export function pcapPacketCount(path: string): number {
  const file = readFileSync(path);
  const magic = file.readUInt32LE(0);
  if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error(`${path} is not a little-endian libpcap file`);
  let count = 0;
  for (let offset = 24; offset + 16 <= file.length; offset += 16 + file.readUInt32LE(offset + 8)) count++;
  return count;
}
