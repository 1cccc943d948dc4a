import { AsYouType, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface FormattedNumber {
  /** What to show while typing. */
  display: string;
  /** The number in E.164 when it is a possible phone number, else undefined. */
  e164: string | undefined;
  /** A SIP URI or an extension is dialled as typed. */
  kind: 'empty' | 'sip-uri' | 'extension' | 'phone';
}

const EXTENSION = /^\d{2,6}$/;

/** How a dial string reads: a sip: URI, a short extension, or a phone number of the home country. */
export function formatDialString(input: string, homeCountry: string): FormattedNumber {
  const text = input.trim();
  if (text === '') return { display: '', e164: undefined, kind: 'empty' };
  if (/^sips?:/i.test(text) || text.includes('@')) return { display: text, e164: undefined, kind: 'sip-uri' };
  if (EXTENSION.test(text)) return { display: text, e164: undefined, kind: 'extension' };
  const country = homeCountry as CountryCode;
  const display = new AsYouType(country).input(text);
  const parsed = parsePhoneNumberFromString(text, country);
  return { display, e164: parsed?.isPossible() ? parsed.number : undefined, kind: 'phone' };
}
