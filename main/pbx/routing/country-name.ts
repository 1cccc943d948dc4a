const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** "DE" → "Germany", for explanations people read; unknown codes stay as they are. */
export function countryName(code: string): string {
  return REGION_NAMES.of(code) ?? code;
}
