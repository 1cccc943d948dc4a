import { describe, expect, it } from 'vitest';
import { emergencyNumbers } from '../../../main/pbx/routing/emergency-numbers';

const EU_AND_EEA = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
];

describe('emergency numbers of the home country', () => {
  it.each(['US', 'CA', 'PR', 'GU', 'VI', 'AS', 'MP'])('911 in %s (NANP)', (country) => {
    expect(emergencyNumbers(country)).toContain('911');
  });

  it.each(EU_AND_EEA)('112 in %s (EU/EEA)', (country) => {
    expect(emergencyNumbers(country)).toContain('112');
  });

  it.each([
    ['GB', ['999', '112']],
    ['IE', ['999', '112']],
    ['DE', ['110', '112']],
    ['FR', ['15', '17', '18', '112']],
    ['BE', ['100', '101', '112']],
    ['AU', ['000', '112']],
    ['NZ', ['111']],
    ['JP', ['110', '118', '119']],
  ])('%s has its local numbers', (country, numbers) => {
    expect(emergencyNumbers(country)).toEqual(expect.arrayContaining(numbers));
  });

  it('does not take a number from another country', () => {
    expect(emergencyNumbers('US')).not.toContain('112');
    expect(emergencyNumbers('DE')).not.toContain('911');
    expect(emergencyNumbers('JP')).not.toContain('112');
  });

  it('falls back to 112 and 911, the numbers every mobile phone treats as emergency, for countries not listed', () => {
    expect(emergencyNumbers('BR')).toEqual(['112', '911']);
  });

  it('lists only short digit strings, so no national number is taken for one', () => {
    for (const country of [...EU_AND_EEA, 'US', 'CA', 'MX', 'GB', 'CH', 'AU', 'NZ', 'JP', 'BR']) {
      for (const n of emergencyNumbers(country)) expect(n, `${country} ${n}`).toMatch(/^\d{2,3}$/);
    }
  });
});
