import { PRESENCE_WORDS } from '../../ui/presence-words';
import { StatusDot } from '../../ui/StatusDot';
import { Highlight } from './Highlight';
import type { PersonMatch } from './people-search';

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** The people whose name or number matches what is typed; the active one is called on Enter. */
export function SearchResults({
  id,
  matches,
  active,
  onPick,
  onHover,
}: {
  id: string;
  matches: readonly PersonMatch[];
  active: number;
  onPick: (match: PersonMatch) => void;
  onHover: (index: number) => void;
}) {
  return (
    <ul className="search-results" id={id} role="listbox" aria-label="Matching people">
      {matches.map((match, index) => {
        const { person } = match;
        const range = (field: PersonMatch['field']) => (match.field === field ? { start: match.start, end: match.end } : {});
        return (
          <li
            key={person.key}
            id={optionId(id, index)}
            role="option"
            aria-selected={index === active}
            className="search-result"
            data-testid="search-result"
            // Keep the focus in the dial input: the list is driven from there.
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => onHover(index)}
            onClick={() => onPick(match)}
          >
            <StatusDot state={person.presence} />
            <span className="search-name">
              <Highlight text={person.name || person.number} {...(person.name ? range('name') : range('number'))} />
            </span>
            <span className="search-number">{person.name && <Highlight text={person.number} {...range('number')} />}</span>
            <span className="search-kind">
              {person.kind === 'extension' ? `Extension · ${PRESENCE_WORDS[person.presence ?? 'offline']}` : person.company ? `Contact · ${person.company}` : 'Contact'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
