import type { z } from 'zod';
import type { Contact, saveContactSchema } from '../../../shared/contacts';
import { ContractError } from '../../../shared/errors';
import type { Caller } from '../api/contract-dispatch';
import type { ContactRepository } from '../store/contact-repository';

/**
 * Who may do what with contacts: everyone reads the company's and keeps their
 * own; only administrators add or change the company's.
 */
export class ContactBook {
  constructor(private readonly contacts: ContactRepository) {}

  list(caller: Caller): Contact[] {
    return this.contacts.listFor(caller.username);
  }

  private editable(id: number, caller: Caller) {
    const existing = this.contacts.find(id);
    // Someone else's own contact does not exist as far as this caller can tell.
    if (!existing || (existing.owner !== null && existing.owner !== caller.username)) throw new ContractError('E_NOT_FOUND', 'There is no such contact.');
    if (existing.owner === null && caller.role !== 'admin') throw new ContractError('E_FORBIDDEN', 'Only an administrator can change the company contacts.');
    return existing;
  }

  save(input: z.infer<typeof saveContactSchema>, caller: Caller): Contact {
    if (input.shared && caller.role !== 'admin') throw new ContractError('E_FORBIDDEN', 'Only an administrator can add company contacts.', { shared: 'Only an administrator can add company contacts.' });
    if (input.id !== undefined) this.editable(input.id, caller);
    return this.contacts.save({
      id: input.id,
      owner: input.shared ? null : caller.username,
      name: input.name,
      number: input.number,
      company: input.company,
      email: input.email,
    });
  }

  remove(id: number, caller: Caller): void {
    this.editable(id, caller);
    this.contacts.delete(id);
  }
}
