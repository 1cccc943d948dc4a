import { expect, it } from 'vitest';
import { randomToken } from '../../../main/pbx/sip/message/random-token';

it('gives tokens of the asked length that never repeat, across refills of its pool', () => {
  // 12 bytes each: 3,000 tokens use the 4 KiB pool about nine times over.
  const tokens = Array.from({ length: 3_000 }, () => randomToken(12));
  expect(new Set(tokens).size).toBe(tokens.length);
  for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/);
  // Odd sizes that do not divide the pool still come out whole.
  const odd = Array.from({ length: 1_000 }, () => randomToken(9));
  expect(new Set(odd).size).toBe(odd.length);
  for (const token of odd) expect(token).toHaveLength(12);
});
