import { ContractError } from '../../../shared/errors';
import type { z } from 'zod';
import { createExtensionSchema, extensionNumberSchema, type updateExtensionSchema } from '../../../shared/extensions';
import { generatePassword } from '../auth/generate-secret';
import { computeHa1 } from '../sip/digest/digest-algorithm';
import type { ExtensionRepository, ExtensionRow } from '../store/extension-repository';
import type { UserRepository } from '../store/user-repository';

export interface NewExtension {
  number: string;
  name?: string | undefined;
  password?: string | undefined;
}

/** Validates and creates extensions; shared by the CLI (on the store directly) and the contract. */
export class ExtensionAdmin {
  constructor(
    private readonly extensions: ExtensionRepository,
    private readonly realm: string,
    private readonly users: UserRepository,
  ) {}

  private row(input: NewExtension): { row: Omit<ExtensionRow, 'createdAt' | 'ringTimeout'>; password: string; generated: boolean } {
    const parsed = createExtensionSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'number');
      throw new ContractError('E_VALIDATION', issue?.message ?? 'Not a valid extension.', { [field]: issue?.message ?? '' });
    }
    const { number, name = '' } = parsed.data;
    const generated = parsed.data.password === undefined;
    const password = parsed.data.password ?? generatePassword();
    return {
      row: {
        number,
        name,
        realm: this.realm,
        ha1Md5: computeHa1('MD5', number, this.realm, password),
        ha1Sha256: computeHa1('SHA-256', number, this.realm, password),
        digestAlgorithms: undefined,
        maxContacts: 5,
      },
      password,
      generated,
    };
  }

  /** Creates one extension. Returns the password when it was generated, so it can be shown once. */
  create(input: NewExtension): { number: string; generatedPassword: string | undefined } {
    const { row, password, generated } = this.row(input);
    if (!this.extensions.create(row)) throw new ContractError('E_CONFLICT', `Extension ${row.number} already exists.`, { number: 'This number is taken.' });
    return { number: row.number, generatedPassword: generated ? password : undefined };
  }

  /** Creates many in one transaction; every line is checked first, so a bad line changes nothing. */
  createMany(inputs: NewExtension[]): { created: number; generated: { number: string; password: string }[] } {
    const prepared = inputs.map((input, index) => {
      try {
        return this.row(input);
      } catch (error) {
        if (error instanceof ContractError) throw new ContractError(error.code, `Line ${index + 1}: ${error.message}`, error.fields);
        throw error;
      }
    });
    const rows = prepared.map((p) => p.row);
    const numbers = new Set<string>();
    for (const [index, row] of rows.entries()) {
      if (numbers.has(row.number)) throw new ContractError('E_VALIDATION', `Line ${index + 1}: extension ${row.number} appears twice.`);
      numbers.add(row.number);
    }
    const taken = this.extensions.createMany(rows);
    if (taken.length > 0) throw new ContractError('E_CONFLICT', `These extensions exist already: ${taken.slice(0, 10).join(', ')}${taken.length > 10 ? '…' : ''}. Nothing was imported.`);
    return { created: rows.length, generated: prepared.filter((p) => p.generated).map((p) => ({ number: p.row.number, password: p.password })) };
  }

  /** Changes what is given; a new password replaces both HA1s. */
  update(input: z.infer<typeof updateExtensionSchema>): ExtensionRow {
    const row = this.extensions.find(input.number);
    if (!row) throw new ContractError('E_NOT_FOUND', `There is no extension ${input.number}.`);
    if (input.name !== undefined) this.extensions.rename(row.number, input.name);
    if (input.password !== undefined) {
      // A new password signs the extension out of every browser.
      this.users.deleteExtensionAccount(row.number);
      this.extensions.setSecrets(
        row.number,
        this.realm,
        computeHa1('MD5', row.number, this.realm, input.password),
        computeHa1('SHA-256', row.number, this.realm, input.password),
      );
    }
    if (input.digestAlgorithms !== undefined || input.maxContacts !== undefined || input.ringTimeout !== undefined) {
      this.extensions.setPolicy(row.number, {
        digestAlgorithms: input.digestAlgorithms === undefined ? row.digestAlgorithms : (input.digestAlgorithms ?? undefined),
        maxContacts: input.maxContacts ?? row.maxContacts,
        ringTimeout: input.ringTimeout ?? row.ringTimeout,
      });
    }
    return this.extensions.find(row.number) as ExtensionRow;
  }

  remove(number: string): void {
    const parsed = extensionNumberSchema.safeParse(number);
    if (!parsed.success || !this.extensions.delete(parsed.data)) throw new ContractError('E_NOT_FOUND', `There is no extension ${number}.`);
    this.users.deleteExtensionAccount(parsed.data);
  }
}

/**
 * Reads `number,name,password` lines (a header line is skipped; name and
 * password may be empty; quotes allowed around fields).
 */
export function parseExtensionCsv(text: string): NewExtension[] {
  const out: NewExtension[] = [];
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = splitCsvLine(line);
    if (index === 0 && /^number$/i.test(fields[0] ?? '')) continue;
    const [number = '', name = '', password = ''] = fields;
    out.push({ number, name: name || undefined, password: password || undefined });
  }
  return out;
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(current.trim());
      current = '';
    } else current += c;
  }
  fields.push(current.trim());
  return fields;
}
