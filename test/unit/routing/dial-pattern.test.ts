import { describe, expect, it } from 'vitest';
import { dialPatternSchema } from '../../../shared/routing';
import { compileDialPattern, matchDialPattern, type DialPatternMatch } from '../../../main/pbx/routing/dial-pattern';

function match(pattern: string, dialled: string): DialPatternMatch {
  const compiled = compileDialPattern(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.reason}`);
  return matchDialPattern(compiled.pattern, dialled);
}
const remainder = (r: string) => ({ matched: true, remainder: r });
const incomplete = { matched: false, incomplete: true };
const noMatch = { matched: false, incomplete: false };

describe('dial patterns: matching and stripping', () => {
  it.each([
    // The outside-line 9 is stripped; N excludes 0 and 1 where area and exchange codes start.
    ['9|NXXNXXXXXX', '92125551234', remainder('2125551234')],
    ['9|NXXNXXXXXX', '9212555123', incomplete],
    ['9|NXXNXXXXXX', '9', incomplete],
    ['9|NXXNXXXXXX', '921255512345', noMatch],
    ['9|NXXNXXXXXX', '91125551234', noMatch],
    ['9|NXXNXXXXXX', '82125551234', noMatch],
    // Without | nothing is stripped.
    ['1NXXNXXXXXX', '12125551234', remainder('12125551234')],
    ['1NXXNXXXXXX', '2125551234', noMatch],
    // "." needs at least one character, "!" none.
    ['011.', '0114930123', remainder('0114930123')],
    ['011.', '011', incomplete],
    ['011.', '012', noMatch],
    ['+.', '+4930123', remainder('+4930123')],
    ['+.', '+', incomplete],
    ['+.', '4930', noMatch],
    ['00!', '00', remainder('00')],
    ['00!', '00441234', remainder('00441234')],
    ['00!', '0', incomplete],
    ['00!', '01', noMatch],
    ['9|!', '9', remainder('')],
    // Sets: digits and ranges.
    ['[2-9]11', '211', remainder('211')],
    ['[2-9]11', '911', remainder('911')],
    ['[2-9]11', '111', noMatch],
    ['[2-9]11', '011', noMatch],
    ['[1-57]', '3', remainder('3')],
    ['[1-57]', '7', remainder('7')],
    ['[1-57]', '6', noMatch],
    ['[1-57]', '0', noMatch],
    ['[5-5]X', '55', remainder('55')],
    // Z is 1-9, X 0-9.
    ['Z', '0', noMatch],
    ['Z', '1', remainder('1')],
    ['X', '0', remainder('0')],
    ['X', 'a', noMatch],
    // A star-code prefix and an empty prefix.
    ['*67|NXXNXXXXXX', '*672125551234', remainder('2125551234')],
    ['*67|NXXNXXXXXX', '#672125551234', noMatch],
    ['|NXX', '211', remainder('211')],
    ['#X', '#5', remainder('#5')],
  ])('%s against %s', (pattern, dialled, expected) => {
    expect(match(pattern, dialled)).toEqual(expected);
  });

  it('reads X, Z and N in either case', () => {
    for (const dialled of ['92125551234', '91125551234', '9212555123', '20', '10']) {
      expect(match('9|nxxnxxxxxx', dialled)).toEqual(match('9|NXXNXXXXXX', dialled));
      expect(match('zx', dialled)).toEqual(match('ZX', dialled));
    }
  });

  it('trims the pattern as the schema does and keeps its text', () => {
    const compiled = compileDialPattern('  9|NXX  ');
    expect(compiled).toMatchObject({ ok: true, pattern: { text: '9|NXX', prefixLength: 1 } });
  });
});

describe('dial patterns: invalid ones are refused with a reason', () => {
  it.each([
    ['', 'Enter a pattern'],
    ['   ', 'Enter a pattern'],
    ['9|', 'after the |'],
    ['9|1|2', 'Use | once'],
    ['X|NXX', 'prefix "X"'],
    ['.9', '"." must end the pattern'],
    ['9!1', '"!" must end the pattern'],
    ['9..', '"." must end the pattern'],
    ['9[2-5', 'no closing ]'],
    ['[]', 'at least one digit'],
    ['[5-1]', '[5-1] runs backwards: write [1-5]'],
    ['[1-]', '[1-] is not a set'],
    ['[-1]', '[-1] is not a set'],
    ['[1--3]', 'is not a set'],
    ['[a]', '[a] is not a set'],
    ['NXX-XXXX', '"-" cannot be used'],
    ['_NXX', '"_" cannot be used'],
    ['1A', '"A" cannot be used'],
    ['9]', '"]" cannot be used'],
  ])('%j', (pattern, reason) => {
    const compiled = compileDialPattern(pattern);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.reason).toContain(reason);
  });

  it('accepts nothing that shared/routing.ts would refuse to store', () => {
    const accepted = ['9|NXXNXXXXXX', '1NXXNXXXXXX', '011.', '+.', '[2-9]11', '00!', '*67|X.', '|NXX', '9|nxxnxxxxxx', '[1-57]', '#X'];
    for (const pattern of accepted) {
      expect(compileDialPattern(pattern).ok, pattern).toBe(true);
      expect(dialPatternSchema.safeParse(pattern).success, pattern).toBe(true);
    }
  });
});
