import { isIPv4, isIPv6 } from 'node:net';

function bytes(address: string): number[] | undefined {
  if (isIPv4(address)) return address.split('.').map(Number);
  if (!isIPv6(address)) return undefined;
  const [head = '', tail] = address.split('::');
  const parse = (part: string) => (part ? part.split(':') : []).flatMap((group) => {
    if (group.includes('.')) return bytes(group) ?? [];
    const n = parseInt(group, 16);
    return [n >> 8, n & 0xff];
  });
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array(16 - left.length - right.length).fill(0), ...right];
}

/**
 * True when `address` is inside `range`: an IP, or an IP/prefix (CIDR), IPv4
 * or IPv6. An IPv4-mapped IPv6 address matches its IPv4 range.
 */
export function addressInRange(address: string, range: string): boolean {
  const plain = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  const [base = '', prefixText] = range.trim().split('/');
  const a = bytes(plain);
  const b = bytes(base);
  if (!a || !b || a.length !== b.length) return false;
  const prefix = prefixText === undefined ? a.length * 8 : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > a.length * 8) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((a[i] as number) & mask) !== ((b[i] as number) & mask)) return false;
  }
  return true;
}
