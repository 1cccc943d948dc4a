/**
 * Emergency numbers by home country (ISO 3166 alpha-2). Dialled exactly as
 * listed they always go out, from any extension, whatever the policy.
 *
 * Covered:
 * - 911 in the NANP countries that use it: US and its territories (PR, GU, VI,
 *   AS, MP) and CA; also MX (911 since 2017). Other NANP members (JM 119,
 *   BB 211/311/511, TT 999…) are not listed and get the fallback below.
 * - 112 in every EU and EEA country (the single European emergency number,
 *   Directive (EU) 2018/1972 art. 109), with the national numbers that still
 *   work beside it; GB, IE and CH too.
 * - AU (000, 106 text relay, 112), NZ (111), JP (110 police, 118 coast guard,
 *   119 fire and ambulance).
 * Any other country gets 112 and 911, the two numbers every mobile phone must
 * treat as emergency calls (3GPP TS 22.101 §10.1.1): better to send them to a
 * trunk than to refuse them.
 */
const BY_COUNTRY: Readonly<Record<string, readonly string[]>> = {
  US: ['911'], CA: ['911'], PR: ['911'], GU: ['911'], VI: ['911'], AS: ['911'], MP: ['911'], MX: ['911'],
  AT: ['112', '122', '133', '144'],
  BE: ['112', '100', '101'],
  BG: ['112', '150', '160', '166'],
  CH: ['112', '117', '118', '144'],
  CY: ['112', '199'],
  CZ: ['112', '150', '155', '156', '158'],
  DE: ['112', '110'],
  DK: ['112'],
  EE: ['112'],
  // Fire numbers 080/085 vary by city.
  ES: ['112', '061', '062', '080', '085', '091', '092'],
  FI: ['112'],
  FR: ['112', '15', '17', '18'],
  GB: ['999', '112'],
  GR: ['112', '100', '166', '199'],
  HR: ['112', '192', '193', '194'],
  HU: ['112', '104', '105', '107'],
  IE: ['112', '999'],
  IS: ['112'],
  IT: ['112', '113', '115', '118'],
  LI: ['112', '117', '118', '144'],
  LT: ['112'],
  LU: ['112', '113'],
  LV: ['112', '110', '113'],
  MT: ['112'],
  NL: ['112'],
  NO: ['112', '110', '113'],
  PL: ['112', '997', '998', '999'],
  PT: ['112'],
  RO: ['112'],
  SE: ['112'],
  SI: ['112', '113'],
  SK: ['112', '150', '155', '158'],
  AU: ['000', '106', '112'],
  NZ: ['111'],
  JP: ['110', '118', '119'],
};

const EVERY_MOBILE_PHONE = ['112', '911'] as const;

export function emergencyNumbers(homeCountry: string): readonly string[] {
  return BY_COUNTRY[homeCountry] ?? EVERY_MOBILE_PHONE;
}
