import { useState, type FormEvent } from 'react';
import type { Contact } from '../../../../shared/contacts';
import { useEngine } from '../../state/engine-store';
import { errorDetails, type ErrorDetails } from '../../ui/error-details';
import { TextField } from '../../ui/TextField';
import { saveContact } from './contacts-store';

type Draft = Pick<Contact, 'name' | 'number' | 'company' | 'email' | 'shared'>;

const EMPTY: Draft = { name: '', number: '', company: '', email: '', shared: false };

/** Adds a contact, or changes one; the engine checks every field and its messages show at the field. */
export function ContactForm({ contact, isAdmin, onDone }: { contact: Contact | undefined; isAdmin: boolean; onDone: (saved: Contact | undefined) => void }) {
  const client = useEngine((s) => s.client);
  const [draft, setDraft] = useState<Draft>(() => (contact ? { name: contact.name, number: contact.number, company: contact.company, email: contact.email, shared: contact.shared } : EMPTY));
  const [failure, setFailure] = useState<ErrorDetails | undefined>();
  const [saving, setSaving] = useState(false);
  const edit = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!client) return;
    setSaving(true);
    setFailure(undefined);
    try {
      onDone(await saveContact(client, { ...(contact ? { id: contact.id } : {}), ...draft }));
    } catch (error) {
      setFailure(errorDetails(error));
    } finally {
      setSaving(false);
    }
  }

  const field = (name: keyof Draft) => failure?.fields[name];
  return (
    <form className="card form contact-form" onSubmit={(e) => void submit(e)} aria-labelledby="contact-form-title">
      <h2 id="contact-form-title">{contact ? `Edit ${contact.name}` : 'New contact'}</h2>
      <fieldset disabled={saving}>
        <TextField label="Name" value={draft.name} maxLength={80} required autoFocus onChange={(e) => edit({ name: e.target.value })} error={field('name')} />
        <TextField
          label="Number"
          value={draft.number}
          maxLength={120}
          required
          inputMode="tel"
          hint="A number (+ for international), an extension, or a sip: address."
          onChange={(e) => edit({ number: e.target.value })}
          error={field('number')}
        />
        <TextField label="Company" value={draft.company} maxLength={80} onChange={(e) => edit({ company: e.target.value })} error={field('company')} />
        <TextField label="Email" type="email" value={draft.email} maxLength={120} onChange={(e) => edit({ email: e.target.value })} error={field('email')} />
        {isAdmin && (
          <label className="checkbox">
            <input type="checkbox" checked={draft.shared} onChange={(e) => edit({ shared: e.target.checked })} />
            Company contact (everyone sees it)
          </label>
        )}
        {failure && !Object.keys(failure.fields).length && (
          <p className="error" role="alert">
            {failure.message}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary">
            {saving ? 'Saving…' : contact ? 'Save' : 'Add contact'}
          </button>
          <button type="button" onClick={() => onDone(undefined)}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
