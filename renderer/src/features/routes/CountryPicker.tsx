import { useState, type KeyboardEvent } from 'react';
import type { FieldControl } from '../../ui/Field';
import { countryOptions, type CountryOption } from '../settings/country-options';

const MAX_MATCHES = 8;

/** Countries whose name, code (GB) or calling code (+44, 44) matches what was typed. */
function matching(query: string, exclude: readonly string[]): CountryOption[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const digits = q.replace(/^\+/, '');
  return countryOptions()
    .filter((c) => !exclude.includes(c.code))
    .filter((c) => c.label.toLowerCase().includes(q) || c.code.toLowerCase() === q || (/^\d+$/.test(digits) && c.label.includes(`(+${digits})`)))
    .slice(0, MAX_MATCHES);
}

/**
 * A searchable choice of several countries, named in the reader's language:
 * the chosen ones as removable chips, and a search whose matches are added
 * with a click (or Enter for the first).
 */
export function CountryPicker({ control, chosen, onChange }: { control: FieldControl; chosen: readonly string[]; onChange: (codes: string[]) => void }) {
  const [query, setQuery] = useState('');
  const matches = matching(query, chosen);
  const labelOf = (code: string) => countryOptions().find((c) => c.code === code)?.label ?? code;
  const add = (code: string) => {
    onChange([...chosen, code]);
    setQuery('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the first match rather than submitting the form.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (matches[0]) add(matches[0].code);
  };

  return (
    <div className="country-picker">
      {chosen.length > 0 && (
        <ul className="chips" aria-label="Allowed countries">
          {chosen.map((code) => (
            <li key={code} className="chip">
              {labelOf(code)}
              <button type="button" className="chip-remove" aria-label={`Remove ${labelOf(code)}`} onClick={() => onChange(chosen.filter((c) => c !== code))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input {...control} type="search" autoComplete="off" placeholder="Type a country, a code (GB) or +44" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={onKeyDown} />
      {query.trim() !== '' && (
        <ul className="country-matches" aria-label="Matching countries" aria-live="polite">
          {matches.length === 0 ? (
            <li className="muted">No country matches “{query.trim()}”.</li>
          ) : (
            matches.map((c) => (
              <li key={c.code}>
                <button type="button" className="link-button" onClick={() => add(c.code)}>
                  Add {c.label}
                </button>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
