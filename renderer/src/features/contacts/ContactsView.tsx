import { useMemo, useState } from 'react';
import type { Contact } from '../../../../shared/contacts';
import { useEngine } from '../../state/engine-store';
import { usePhone } from '../../state/phone-store';
import { errorDetails } from '../../ui/error-details';
import { Icon } from '../../ui/Icon';
import { LoadState } from '../../ui/LoadState';
import { PRESENCE_WORDS } from '../../ui/presence-words';
import { StatusDot } from '../../ui/StatusDot';
import { ViewHeader } from '../../ui/ViewHeader';
import { Highlight } from '../phone/Highlight';
import { peopleOf, searchPeople, type PersonMatch } from '../phone/people-search';
import { ContactForm } from './ContactForm';
import { removeContact, useLoadedContacts } from './contacts-store';
import { useLiveOfficeDirectory } from './office-directory';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; contact: Contact };

/** Calls a number from here and shows the call on the Phone view; a call that cannot go out opens the dialer with the number. */
async function callFromContacts(number: string): Promise<void> {
  const result = await usePhone.getState().call(number);
  location.hash = result.ok ? '#/phone' : `#/phone?dial=${encodeURIComponent(number)}`;
}

/** Everyone to call: the office's extensions (with presence) and the contacts, searchable; personal contacts editable. */
export function ContactsView() {
  const client = useEngine((s) => s.client);
  const isAdmin = useEngine((s) => s.session.status === 'signed-in' && s.session.user.role === 'admin');
  const directory = useLiveOfficeDirectory();
  const contacts = useLoadedContacts();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [removeError, setRemoveError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<number | undefined>();

  const people = useMemo(() => peopleOf(directory.entries, contacts.contacts), [directory.entries, contacts.contacts]);
  const matches: PersonMatch[] = useMemo(
    () => (query.trim() === '' ? people.map((person) => ({ person, field: 'name' as const, start: 0, end: 0 })) : searchPeople(query, people, people.length)),
    [query, people],
  );
  const byKey = useMemo(() => new Map(contacts.contacts.map((c) => [`c${c.id}`, c])), [contacts.contacts]);
  const office = matches.filter((m) => m.person.kind === 'extension');
  const listed = matches.filter((m) => m.person.kind === 'contact');

  async function remove(contact: Contact) {
    if (!client) return;
    setRemoveError(undefined);
    try {
      await removeContact(client, contact.id);
      setConfirming(undefined);
    } catch (error) {
      setRemoveError(errorDetails(error).message);
    }
  }

  const row = (match: PersonMatch) => {
    const { person } = match;
    const contact = byKey.get(person.key);
    const editable = contact !== undefined && (!contact.shared || isAdmin);
    const range = (field: PersonMatch['field']) => (match.field === field && match.end > match.start ? { start: match.start, end: match.end } : {});
    return (
      <li key={person.key} className="contact-row" data-testid="contact-row">
        <StatusDot state={person.presence} />
        <span className="contact-who">
          <span className="party-name">
            <Highlight text={person.name || person.number} {...range('name')} />
          </span>
          <span className="contact-meta">
            {person.kind === 'extension' ? `Extension · ${PRESENCE_WORDS[person.presence ?? 'offline']}` : [contact?.shared ? 'Company' : 'Personal', contact?.company, contact?.email].filter(Boolean).join(' · ')}
          </span>
        </span>
        <span className="contact-number">
          <Highlight text={person.number} {...range('number')} />
        </span>
        <span className="contact-actions">
          <button type="button" className="primary" onClick={() => void callFromContacts(person.number)} aria-label={`Call ${person.name || person.number}`}>
            <Icon name="phone" size={16} /> Call
          </button>
          {editable && contact && confirming !== contact.id && (
            <>
              <button type="button" onClick={() => setEditing({ kind: 'edit', contact })} aria-label={`Edit ${contact.name}`}>
                Edit
              </button>
              <button type="button" className="danger" onClick={() => setConfirming(contact.id)} aria-label={`Remove ${contact.name}`}>
                Remove
              </button>
            </>
          )}
          {editable && contact && confirming === contact.id && (
            <span className="confirm">
              Remove {contact.name}?
              <button type="button" className="danger" onClick={() => void remove(contact)}>
                Yes, remove
              </button>
              <button type="button" onClick={() => setConfirming(undefined)}>
                Keep
              </button>
            </span>
          )}
        </span>
      </li>
    );
  };

  return (
    <section className="view">
      <ViewHeader title="Contacts">
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })} disabled={editing.kind !== 'none'}>
          Add contact
        </button>
      </ViewHeader>
      <div className="contacts">
        {editing.kind !== 'none' && (
          <ContactForm key={editing.kind === 'edit' ? editing.contact.id : 'new'} contact={editing.kind === 'edit' ? editing.contact : undefined} isAdmin={isAdmin} onDone={() => setEditing({ kind: 'none' })} />
        )}
        <div className="contacts-search">
          <label htmlFor="contacts-search">Search contacts</label>
          <input id="contacts-search" type="search" value={query} placeholder="Name or number" autoComplete="off" onChange={(e) => setQuery(e.target.value)} />
        </div>
        {removeError && (
          <p className="error" role="alert">
            {removeError}
          </p>
        )}
        <LoadState status={worst(directory.status, contacts.status)} error={directory.error ?? contacts.error} onRetry={() => (directory.reload(), contacts.reload())} what="contacts">
          <ContactSection title="Office" matches={office} empty={query ? 'No extension matches.' : 'No extensions yet.'} render={row} />
          <ContactSection title="Contacts" matches={listed} empty={query ? 'No contact matches.' : 'No contacts yet. Add the people you call often.'} render={row} />
        </LoadState>
      </div>
    </section>
  );
}

function ContactSection({ title, matches, empty, render }: { title: string; matches: PersonMatch[]; empty: string; render: (match: PersonMatch) => React.JSX.Element }) {
  const id = `contacts-${title.toLowerCase()}`;
  return (
    <section className="card contact-section" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="count">{matches.length}</span>
      </h2>
      {matches.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ul className="contact-list" aria-label={title}>
          {matches.map(render)}
        </ul>
      )}
    </section>
  );
}

/** One load state for two lists: an error or a load in progress in either shows. */
function worst(a: 'idle' | 'loading' | 'ready' | 'error', b: 'idle' | 'loading' | 'ready' | 'error'): 'idle' | 'loading' | 'ready' | 'error' {
  for (const status of ['error', 'loading', 'idle'] as const) if (a === status || b === status) return status;
  return 'ready';
}

