import { useEffect } from 'react';
import { create } from 'zustand';
import type { ChannelInput } from '../../../../shared/contract';
import type { Contact } from '../../../../shared/contacts';
import type { ContractClient } from '../../api/contract-client';
import { useEngine } from '../../state/engine-store';

interface ContactsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  contacts: Contact[];
  error: string | undefined;
  load(client: ContractClient): Promise<void>;
  /** Saves (adds or changes) a contact; throws the engine's error for the form to show. */
  save(client: ContractClient, contact: ChannelInput<'contacts.save'>): Promise<Contact>;
  remove(client: ContractClient, id: number): Promise<void>;
}

const byName = (a: Contact, b: Contact) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/** The company's contacts and the person's own (contacts.list), sorted by name. */
export const useContacts = create<ContactsState>((set) => ({
  status: 'idle',
  contacts: [],
  error: undefined,
  async load(client) {
    set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: undefined }));
    try {
      set({ status: 'ready', contacts: (await client.call('contacts.list', {})).sort(byName) });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
  async save(client, input) {
    const saved = await client.call('contacts.save', input);
    set((s) => ({ contacts: [...s.contacts.filter((c) => c.id !== saved.id), saved].sort(byName) }));
    return saved;
  },
  async remove(client, id) {
    await client.call('contacts.remove', { id });
    set((s) => ({ contacts: s.contacts.filter((c) => c.id !== id) }));
  },
}));

/** Loads the contacts once connected (and again after a reconnect). */
export function useLoadedContacts(): ContactsState & { reload: () => void } {
  const client = useEngine((s) => s.client);
  const connected = useEngine((s) => s.connection === 'connected');
  const state = useContacts();

  useEffect(() => {
    if (client && connected) void useContacts.getState().load(client);
  }, [client, connected]);

  return { ...state, reload: () => client && void state.load(client) };
}
