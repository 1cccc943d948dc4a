import type { RemoteParty } from '../../phone/phone-types';
import { formatDialString } from './format-number';
import { nameForNumber, type Person } from './people-search';

export interface PartyLabel {
  /** The name to show, or '' when nobody knows one. */
  name: string;
  /** The number as people write it in the home country. */
  number: string;
  /** The party in one line: the name, else the number. */
  who: string;
}

/** Who is on the other end: the directory's or the contacts' name first, then the name the call carried. */
export function partyLabel(remote: RemoteParty, people: readonly Person[], homeCountry: string): PartyLabel {
  const name = nameForNumber(remote.number, people) ?? remote.displayName;
  const number = formatDialString(remote.number, homeCountry).display || remote.number;
  return { name, number, who: name || number };
}

/** Two letters for an avatar: initials of a name, or the last two digits of a number. */
export function initialsOf(label: PartyLabel): string {
  const words = label.name.split(/\s+/).filter(Boolean);
  if (words.length > 0) return words.slice(0, 2).map((w) => [...w][0]?.toUpperCase() ?? '').join('');
  return label.number.replace(/\D/g, '').slice(-2) || '?';
}
