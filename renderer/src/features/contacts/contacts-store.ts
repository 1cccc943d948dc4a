import type { ChannelInput } from '../../../../shared/contract';
import type { Contact } from '../../../../shared/contacts';
import type { ContractClient } from '../../api/contract-client';
import { createLiveStore, useLive, type LiveData } from '../../state/live-store';

const byName = (a: Contact, b: Contact) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/** The company's contacts and the person's own (contacts.list), sorted by name. */
const useContacts = createLiveStore({
  empty: { contacts: [] },
  load: (client) => client.call('contacts.list', {}),
  loaded: (contacts) => ({ contacts: contacts.sort(byName) }),
});

/** Loads the contacts once connected (and again after a reconnect). */
export const useLoadedContacts = (): LiveData<{ contacts: Contact[] }> => useLive(useContacts);

/** Saves (adds or changes) a contact; throws the engine's error for the form to show. */
export async function saveContact(client: ContractClient, contact: ChannelInput<'contacts.save'>): Promise<Contact> {
  const saved = await client.call('contacts.save', contact);
  useContacts.setState((s) => ({ contacts: [...s.contacts.filter((c) => c.id !== saved.id), saved].sort(byName) }));
  return saved;
}

export async function removeContact(client: ContractClient, id: number): Promise<void> {
  await client.call('contacts.remove', { id });
  useContacts.setState((s) => ({ contacts: s.contacts.filter((c) => c.id !== id) }));
}
