import { describe, expect, it } from 'vitest';
import { normaliseNumber } from '../../../main/pbx/routing/normalise-number';

const number = (e164: string, country: string | null, international: boolean) => ({ ok: true, e164, country, international });

describe('normalising dialled numbers to E.164', () => {
  it.each([
    // US: national with and without the trunk prefix 1, +, and 011 (NANP international prefix).
    ['2125551234', 'US', number('+12125551234', 'US', false)],
    ['12125551234', 'US', number('+12125551234', 'US', false)],
    ['+12125551234', 'US', number('+12125551234', 'US', false)],
    ['011442079460000', 'US', number('+442079460000', 'GB', true)],
    ['01149301234567', 'US', number('+49301234567', 'DE', true)],
    // Same calling code, other country: abroad (Caribbean NANP numbers are a known toll-fraud target).
    ['4165550100', 'US', number('+14165550100', 'CA', true)],
    ['18765550100', 'US', number('+18765550100', 'JM', true)],
    ['+17875550100', 'US', number('+17875550100', 'PR', true)],
    // GB: 0 national prefix, 00 international; 0114 is Sheffield, not an international prefix.
    ['02079460000', 'GB', number('+442079460000', 'GB', false)],
    ['00493012345678', 'GB', number('+493012345678', 'DE', true)],
    ['01142796000', 'GB', number('+441142796000', 'GB', false)],
    ['+441481222222', 'GB', number('+441481222222', 'GG', true)],
    // DE: 0 national prefix, 00 international; your own country through 00 is still home.
    ['030123456', 'DE', number('+4930123456', 'DE', false)],
    ['01712345678', 'DE', number('+491712345678', 'DE', false)],
    ['00442079460000', 'DE', number('+442079460000', 'GB', true)],
    ['004930123456', 'DE', number('+4930123456', 'DE', false)],
    // Other international prefixes: 0011 (AU), 010 (JP).
    ['0011442079460000', 'AU', number('+442079460000', 'GB', true)],
    ['010442079460000', 'JP', number('+442079460000', 'GB', true)],
    ['0312345678', 'JP', number('+81312345678', 'JP', false)],
    // Non-geographic: no country, always abroad.
    ['+80012345678', 'DE', number('+80012345678', null, true)],
  ])('%s from %s', (digits, home, expected) => {
    expect(normaliseNumber(digits, home)).toMatchObject(expected);
  });

  it('keeps the calling code for explanations', () => {
    expect(normaliseNumber('+80012345678', 'US')).toMatchObject({ callingCode: '800' });
    expect(normaliseNumber('030123456', 'DE')).toMatchObject({ callingCode: '49' });
  });

  it.each([
    ['212555', 'US', 'too-short', '212555 is too short for a phone number (home country: United States).'],
    ['+88216', 'US', 'too-short', '+88216 is too short'],
    ['01144', 'US', 'too-short', '01144 is too short'],
    ['9999999999999999999', 'US', 'too-long', 'is too long for a phone number'],
    ['+15555555555', 'US', 'invalid', '+15555555555 is not a valid phone number (home country: United States).'],
    // 00 is not an international prefix in NANP: read as a national number, it is far too long.
    ['00442079460000', 'US', 'too-long', '00442079460000 is too long for a phone number (home country: United States).'],
    ['+999123456', 'US', 'invalid', 'has no country code in use'],
    ['*672125551234', 'US', 'not-a-number', 'is not a phone number'],
    ['1800FLOWERS', 'US', 'not-a-number', 'is not a phone number'],
    ['+49+30', 'DE', 'not-a-number', 'with + only at the start'],
    ['', 'US', 'not-a-number', 'Nothing is not a phone number'],
    ['02079460000', 'ZZ', 'invalid', 'ZZ is not a country whose numbers Dialtone knows'],
  ])('%j from %s is refused (%s)', (digits, home, problem, explanation) => {
    const result = normaliseNumber(digits, home);
    expect(result).toMatchObject({ ok: false, problem });
    if (!result.ok) expect(result.explanation).toContain(explanation);
  });

  it('reads +numbers even when the home country is unknown', () => {
    expect(normaliseNumber('+4930123456', 'ZZ')).toMatchObject(number('+4930123456', 'DE', true));
  });
});
