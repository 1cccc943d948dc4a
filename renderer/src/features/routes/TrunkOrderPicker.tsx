import { useState } from 'react';
import { Icon } from '../../ui/Icon';
import type { FieldControl } from '../../ui/Field';

/** Move one entry of a list by `by` places. */
function moved<T>(list: readonly T[], index: number, by: number): T[] {
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item as T);
  return next;
}

/**
 * The trunks a route tries, in order: the first, then the next when one fails.
 * Chosen ones can be moved and removed; the rest can be added from a list.
 */
export function TrunkOrderPicker({
  control,
  chosen,
  available,
  onChange,
}: {
  control: FieldControl;
  chosen: readonly string[];
  available: readonly string[];
  onChange: (trunks: string[]) => void;
}) {
  const rest = available.filter((name) => !chosen.includes(name));
  const [pick, setPick] = useState('');
  const toAdd = rest.includes(pick) ? pick : (rest[0] ?? '');

  return (
    <div className="trunk-order">
      {chosen.length > 0 && (
        <ol className="trunk-order-list" aria-label="Trunks in the order they are tried">
          {chosen.map((name, index) => (
            <li key={name}>
              <span className="trunk-order-name">
                {index + 1}. {name}
              </span>
              <button type="button" className="icon-button" aria-label={`Try ${name} earlier`} disabled={index === 0} onClick={() => onChange(moved(chosen, index, -1))}>
                <Icon name="up" size={16} />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Try ${name} later`}
                disabled={index === chosen.length - 1}
                onClick={() => onChange(moved(chosen, index, 1))}
              >
                <Icon name="down" size={16} />
              </button>
              <button type="button" className="link-button" aria-label={`Do not use ${name}`} onClick={() => onChange(chosen.filter((n) => n !== name))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      {rest.length > 0 && (
        <span className="trunk-order-add">
          <select {...control} value={toAdd} onChange={(e) => setPick(e.target.value)}>
            {rest.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => onChange([...chosen, toAdd])}>
            {chosen.length === 0 ? 'Use this trunk' : 'Add as backup'}
          </button>
        </span>
      )}
      {available.length === 0 && <p className="hint">There are no trunks yet: add one under Trunks first.</p>}
    </div>
  );
}
