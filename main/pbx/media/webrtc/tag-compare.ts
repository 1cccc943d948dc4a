// Authentication tags: the first bytes of a digest (a latin1 string, see
// hmac-sha1.ts) written into a packet, or compared with the packet's without
// an early exit, so the time taken does not tell an attacker how many
// leading bytes of a forged tag were right.

export function writeTag(digest: string, packet: Buffer, offset: number, length: number): void {
  packet.write(digest, offset, length, 'latin1');
}

export function tagMatches(digest: string, packet: Buffer, offset: number, length: number): boolean {
  let difference = 0;
  for (let i = 0; i < length; i++) difference |= digest.charCodeAt(i) ^ packet[offset + i]!;
  return difference === 0;
}
