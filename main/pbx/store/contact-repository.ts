import type { Contact } from '../../../shared/contacts';
import type { Db } from './database';

interface Row {
  id: number;
  owner: string | null;
  name: string;
  number: string;
  company: string;
  email: string;
}

function fromRow(row: Row): Contact {
  return { id: row.id, name: row.name, number: row.number, company: row.company, email: row.email, shared: row.owner === null };
}

/** Contacts: the company's (owner NULL) and each person's own. */
export class ContactRepository {
  private readonly visible;
  private readonly byId;
  private readonly insert;
  private readonly replace;
  private readonly remove;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    const columns = 'id, owner, name, number, company, email';
    this.visible = db.prepare<[string], Row>(`SELECT ${columns} FROM contacts WHERE owner IS NULL OR owner = ? ORDER BY name COLLATE NOCASE`);
    this.byId = db.prepare<[number], Row>(`SELECT ${columns} FROM contacts WHERE id = ?`);
    this.insert = db.prepare('INSERT INTO contacts (owner, name, number, company, email, created_at, updated_at) VALUES (@owner, @name, @number, @company, @email, @now, @now)');
    this.replace = db.prepare('UPDATE contacts SET owner = @owner, name = @name, number = @number, company = @company, email = @email, updated_at = @now WHERE id = @id');
    this.remove = db.prepare<[number]>('DELETE FROM contacts WHERE id = ?');
  }

  /** What `viewer` sees: the company's contacts and their own. */
  listFor(viewer: string): Contact[] {
    return this.visible.all(viewer).map(fromRow);
  }

  /** The row with its owner, for permission checks. */
  find(id: number): (Contact & { owner: string | null }) | undefined {
    const row = this.byId.get(id);
    return row && { ...fromRow(row), owner: row.owner };
  }

  save(contact: Omit<Contact, 'id' | 'shared'> & { id?: number | undefined; owner: string | null }): Contact {
    const params = { ...contact, now: this.now() };
    const id = contact.id ?? Number(this.insert.run(params).lastInsertRowid);
    if (contact.id !== undefined) this.replace.run(params);
    return fromRow(this.byId.get(id) as Row);
  }

  delete(id: number): boolean {
    return this.remove.run(id).changes === 1;
  }
}
