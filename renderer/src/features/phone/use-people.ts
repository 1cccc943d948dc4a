import { useMemo } from 'react';
import { useLoadedContacts } from '../contacts/contacts-store';
import { useLiveOfficeDirectory } from '../contacts/office-directory';
import { peopleOf, type Person } from './people-search';

/** Everyone the phone knows by name: the office directory (live presence) and the contacts. */
export function usePeople(): Person[] {
  const directory = useLiveOfficeDirectory();
  const contacts = useLoadedContacts();
  return useMemo(() => peopleOf(directory.entries, contacts.contacts), [directory.entries, contacts.contacts]);
}
