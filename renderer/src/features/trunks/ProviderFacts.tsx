import { useId } from 'react';
import type { ProviderTemplate } from '../../../../shared/trunks';

/** What to know about a provider before filling in its form, and, discreetly, what we could not confirm. */
export function ProviderFacts({ template }: { template: ProviderTemplate }) {
  const titleId = useId();
  if (template.notes.length === 0 && template.unconfirmed.length === 0) return null;
  return (
    <aside className="provider-facts" aria-labelledby={titleId}>
      <h3 id={titleId}>About {template.displayName}</h3>
      {template.notes.length > 0 && (
        <ul className="provider-notes">
          {template.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {template.unconfirmed.length > 0 && (
        <div className="unconfirmed" data-testid="unconfirmed">
          <p>Not confirmed by us:</p>
          <ul>
            {template.unconfirmed.map((fact) => (
              <li key={fact}>{fact}</li>
            ))}
          </ul>
        </div>
      )}
    </aside>
  );
}
