import { isSupportedCountry, parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js';
import { countryName } from './country-name';

export type NormalisedNumber =
  | {
      ok: true;
      e164: string;
      /** ISO 3166 alpha-2, or null for non-geographic numbers (+800, +882…). */
      country: string | null;
      callingCode: string;
      /** Another country than home. Within a shared calling code too: from US, +1 416 (CA) and +1 876 (JM) are abroad. */
      international: boolean;
    }
  | { ok: false; problem: 'not-a-number' | 'too-short' | 'too-long' | 'invalid'; explanation: string };

/**
 * Reads what a person dialled (after strip and prepend) the way someone in
 * the home country would: `+…` as is, the home country's international
 * prefix (011 in NANP, 00 in most of the world, 0011 in AU, 010 in JP)
 * followed by a country code, or a national number (with or without the
 * trunk prefix, e.g. 1 in NANP or 0 in GB/DE) that gets the home calling code.
 *
 * Uses libphonenumber-js's default ("min") metadata, as the renderer does: it
 * checks number ranges and lengths per country; the stricter per-type ranges
 * of "max" would refuse real numbers whenever the pinned metadata lags a plan.
 */
export function normaliseNumber(digits: string, homeCountry: string): NormalisedNumber {
  const home = isSupportedCountry(homeCountry) ? homeCountry : undefined;
  const where = `home country: ${countryName(homeCountry)}`;
  if (!/^\+?[0-9]+$/.test(digits)) {
    return { ok: false, problem: 'not-a-number', explanation: `${digits || 'Nothing'} is not a phone number: use digits, with + only at the start.` };
  }
  switch (validatePhoneNumberLength(digits, home)) {
    case 'TOO_SHORT':
      return { ok: false, problem: 'too-short', explanation: `${digits} is too short for a phone number (${where}).` };
    case 'TOO_LONG':
      return { ok: false, problem: 'too-long', explanation: `${digits} is too long for a phone number (${where}).` };
    case 'INVALID_COUNTRY':
      return {
        ok: false,
        problem: 'invalid',
        explanation: digits.startsWith('+') || home !== undefined
          ? `${digits} has no country code in use after its international prefix or +.`
          : `${digits} cannot be read as a national number: ${homeCountry} is not a country whose numbers Dialtone knows. Set the home country.`,
      };
  }
  const parsed = parsePhoneNumberFromString(digits, home);
  if (parsed === undefined || !parsed.isValid()) {
    return { ok: false, problem: 'invalid', explanation: `${digits} is not a valid phone number (${where}).` };
  }
  const country = parsed.country ?? null;
  return { ok: true, e164: parsed.number, country, callingCode: parsed.countryCallingCode, international: country !== homeCountry };
}
