import type { Contact, DirectoryEntry } from '../../../../shared/contacts';

/** Someone the dialer can call: an extension of the office or a contact. */
export interface Person {
  key: string;
  kind: 'extension' | 'contact';
  name: string;
  number: string;
  presence: DirectoryEntry['presence'] | undefined;
  /** A contact's company, or '' */
  company: string;
}

/** A match, with the part of the name or number that matched (for highlighting). */
export interface PersonMatch {
  person: Person;
  field: 'name' | 'number';
  /** [start, end) in the matched field, in UTF-16 units of the text as shown. */
  start: number;
  end: number;
}

export function peopleOf(directory: readonly DirectoryEntry[], contacts: readonly Contact[]): Person[] {
  return [
    ...directory.map((e): Person => ({ key: `x${e.number}`, kind: 'extension', name: e.name, number: e.number, presence: e.presence, company: '' })),
    ...contacts.map((c): Person => ({ key: `c${c.id}`, kind: 'contact', name: c.name, number: c.number, presence: undefined, company: c.company })),
  ];
}

/** Lower case without accents, with a map from each folded character back to its place in the original. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const plain = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const unit of plain) {
      folded += unit;
      origin.push(index);
    }
    index += char.length;
  }
  origin.push(index);
  return { folded, origin };
}

/** The digits of a number with the position of each in the text. */
function digitsOf(text: string): { digits: string; origin: number[] } {
  let digits = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\d/.test(text[i] as string)) {
      digits += text[i];
      origin.push(i);
    }
  }
  return { digits, origin };
}

const DIALLED_DIGITS = /^[\d\s()+.\-*#]+$/;

/** How well a person matches: lower is better; undefined for no match. */
function matchPerson(person: Person, query: string): (PersonMatch & { score: number }) | undefined {
  const needle = fold(query.trim()).folded;
  if (needle !== '') {
    const name = fold(person.name);
    const at = name.folded.indexOf(needle);
    if (at >= 0) {
      const wordStart = at === 0 || /[\s\-.'’(]/.test(name.folded[at - 1] as string);
      const score = at === 0 ? 0 : wordStart ? 1 : 3;
      return { person, field: 'name', start: name.origin[at] as number, end: name.origin[at + needle.length] as number, score };
    }
  }
  if (!DIALLED_DIGITS.test(query)) return undefined;
  const wanted = digitsOf(query).digits;
  if (wanted === '') return undefined;
  const number = digitsOf(person.number);
  const at = number.digits.indexOf(wanted);
  if (at < 0) return undefined;
  const end = (number.origin[at + wanted.length - 1] as number) + 1;
  return { person, field: 'number', start: number.origin[at] as number, end, score: at === 0 ? 0 : 2 };
}

/**
 * Search as you type over names (any word, accents ignored) and numbers
 * (digits only, formatting ignored): best matches first, extensions before
 * contacts on a tie, then by name.
 */
export function searchPeople(query: string, people: readonly Person[], limit = 6): PersonMatch[] {
  if (query.trim() === '' || /^sips?:/i.test(query.trim())) return [];
  return people
    .map((person) => matchPerson(person, query))
    .filter((m): m is PersonMatch & { score: number } => m !== undefined)
    .sort((a, b) => a.score - b.score || (a.person.kind === b.person.kind ? 0 : a.person.kind === 'extension' ? -1 : 1) || a.person.name.localeCompare(b.person.name))
    .slice(0, limit)
    .map(({ score: _score, ...match }) => match);
}

/** The name a number goes by in the directory or the contacts (digits compared, formatting ignored). */
export function nameForNumber(number: string, people: readonly Person[]): string | undefined {
  const exact = people.find((p) => p.number === number && p.name);
  if (exact) return exact.name;
  const digits = digitsOf(number).digits;
  if (digits.length < 3) return undefined;
  return people.find((p) => p.name && digitsOf(p.number).digits === digits)?.name;
}
