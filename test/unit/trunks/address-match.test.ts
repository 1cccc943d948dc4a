import { describe, expect, it } from 'vitest';
import { addressInRange } from '../../../main/pbx/trunks/address-match';

describe('addressInRange (IP-authenticated trunks)', () => {
  it.each([
    ['192.0.2.10', '192.0.2.10', true],
    ['192.0.2.10', '192.0.2.0/24', true],
    ['192.0.3.10', '192.0.2.0/24', false],
    ['10.1.2.3', '10.0.0.0/8', true],
    ['::ffff:192.0.2.7', '192.0.2.0/28', true],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:db9::1', '2001:db8::/32', false],
    ['::1', '::1', true],
    ['192.0.2.1', '2001:db8::/32', false],
    ['192.0.2.1', '192.0.2.0/33', false],
    ['192.0.2.1', 'not-an-address', false],
  ])('%s in %s → %s', (address, range, expected) => {
    expect(addressInRange(address, range)).toBe(expected);
  });
});
