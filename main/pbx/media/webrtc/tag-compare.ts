// Compares an authentication tag without an early exit, so the time taken
// does not tell an attacker how many leading bytes of a forged tag were right.

export function tagMatches(expected: Buffer, packet: Buffer, offset: number, length: number): boolean {
  let difference = 0;
  for (let i = 0; i < length; i++) difference |= expected[i]! ^ packet[offset + i]!;
  return difference === 0;
}
