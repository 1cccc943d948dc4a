import { getCountries, getCountryCallingCode } from 'libphonenumber-js';

export interface CountryOption {
  code: string;
  label: string;
}

let cached: CountryOption[] | undefined;

/** Every country libphonenumber knows, named in the browser's language, sorted by name. */
export function countryOptions(): CountryOption[] {
  if (cached) return cached;
  const names = new Intl.DisplayNames([navigator.language, 'en'], { type: 'region' });
  cached = getCountries()
    .map((code) => ({ code, label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return cached;
}
