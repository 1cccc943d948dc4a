import type { Disposition } from '../../../../shared/call-records';
import type { ExtensionSummary } from '../../../../shared/extensions';
import { DISPOSITION_CHOICES } from './call-words';

export interface HistoryFilter {
  extension: string | undefined;
  disposition: Disposition | undefined;
}

/**
 * Which calls to list. The extension filter is the engine's (administrators
 * only: anyone else sees their own calls); the outcome filter applies to the
 * calls loaded so far.
 */
export function HistoryFilters({
  filter,
  extensions,
  onChange,
}: {
  filter: HistoryFilter;
  /** Undefined when the person may not list extensions. */
  extensions: readonly ExtensionSummary[] | undefined;
  onChange: (filter: HistoryFilter) => void;
}) {
  return (
    <div className="history-filters" role="group" aria-label="Filter calls">
      {extensions && (
        <label>
          Extension
          <select value={filter.extension ?? ''} onChange={(e) => onChange({ ...filter, extension: e.target.value || undefined })}>
            <option value="">All extensions</option>
            {extensions.map((x) => (
              <option key={x.number} value={x.number}>
                {x.name ? `${x.number} · ${x.name}` : x.number}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Outcome
        <select value={filter.disposition ?? ''} onChange={(e) => onChange({ ...filter, disposition: (e.target.value || undefined) as Disposition | undefined })}>
          <option value="">All calls</option>
          {DISPOSITION_CHOICES.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
