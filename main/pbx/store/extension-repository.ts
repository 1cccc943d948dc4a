import { DIGEST_ALGORITHMS, type DigestAlgorithm } from '../sip/digest/digest-algorithm';
import type { Db } from './database';

export interface ExtensionRow {
  number: string;
  name: string;
  realm: string;
  ha1Md5: string;
  ha1Sha256: string;
  /** Offer order for this extension; undefined follows the global setting. */
  digestAlgorithms: DigestAlgorithm[] | undefined;
  maxContacts: number;
  /** Seconds an incoming call rings before it is given up (480). */
  ringTimeout: number;
  createdAt: number;
}

interface RawRow extends Omit<ExtensionRow, 'digestAlgorithms'> {
  digestAlgorithms: string | null;
}

function fromRaw(row: RawRow): ExtensionRow {
  const list = row.digestAlgorithms
    ? (row.digestAlgorithms.split(',').filter((a): a is DigestAlgorithm => (DIGEST_ALGORITHMS as readonly string[]).includes(a)))
    : undefined;
  return { ...row, digestAlgorithms: list && list.length > 0 ? list : undefined };
}

/** Thrown inside a transaction to undo it. */
class RollBack extends Error {}

/** How often the cache asks SQLite whether another process (the CLI) changed the file. */
const EXTERNAL_CHECK_MS = 250;

/**
 * Extensions: a number, a name, digests of the password (HA1 per algorithm),
 * registration limits. Reads come from memory: the registrar looks an
 * extension up on every REGISTER. PRAGMA data_version changes when another
 * connection commits, so `dialtone ext add` from a shell is seen within
 * EXTERNAL_CHECK_MS without the engine polling the table.
 */
export class ExtensionRepository {
  private cache: Map<string, ExtensionRow> | undefined;
  private dataVersion = -1;
  private checkedAt = 0;
  private readonly dataVersionStatement;
  private readonly selectOne;
  private readonly selectAll;
  private readonly insert;
  private readonly remove;
  private readonly updateName;
  private readonly updateSecrets;
  private readonly updatePolicy;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.dataVersionStatement = db.prepare<[], number>('PRAGMA data_version').pluck();
    const columns =
      'number, name, realm, ha1_md5 AS ha1Md5, ha1_sha256 AS ha1Sha256, digest_algorithms AS digestAlgorithms, max_contacts AS maxContacts, ring_timeout AS ringTimeout, created_at AS createdAt';
    this.selectOne = db.prepare<[string], RawRow>(`SELECT ${columns} FROM extensions WHERE number = ?`);
    this.selectAll = db.prepare<[], RawRow>(`SELECT ${columns} FROM extensions ORDER BY length(number), number`);
    this.insert = db.prepare<[string, string, string, string, string, string | null, number, number]>(
      'INSERT INTO extensions (number, name, realm, ha1_md5, ha1_sha256, digest_algorithms, max_contacts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.remove = db.prepare<[string]>('DELETE FROM extensions WHERE number = ?');
    this.updateName = db.prepare<[string, string]>('UPDATE extensions SET name = ? WHERE number = ?');
    this.updateSecrets = db.prepare<[string, string, string, string]>('UPDATE extensions SET realm = ?, ha1_md5 = ?, ha1_sha256 = ? WHERE number = ?');
    this.updatePolicy = db.prepare<[string | null, number, number, string]>(
      'UPDATE extensions SET digest_algorithms = ?, max_contacts = ?, ring_timeout = ? WHERE number = ?',
    );
  }

  private rows(): Map<string, ExtensionRow> {
    const now = this.now();
    if (this.cache && now - this.checkedAt < EXTERNAL_CHECK_MS) return this.cache;
    this.checkedAt = now;
    const version = this.dataVersionStatement.get() as number;
    if (!this.cache || version !== this.dataVersion) {
      this.dataVersion = version;
      this.cache = new Map(this.selectAll.all().map((raw) => [raw.number, fromRaw(raw)]));
    }
    return this.cache;
  }

  /** Our own writes: forget the cache so the next read sees them. */
  private changed(): void {
    this.cache = undefined;
  }

  find(number: string): ExtensionRow | undefined {
    return this.rows().get(number);
  }

  /** Straight from the file, for callers that must not see a stale copy. */
  findFresh(number: string): ExtensionRow | undefined {
    const row = this.selectOne.get(number);
    return row && fromRaw(row);
  }

  list(): ExtensionRow[] {
    return [...this.rows().values()];
  }

  /** False when the number is taken. */
  create(row: Omit<ExtensionRow, 'createdAt' | 'ringTimeout'>): boolean {
    try {
      this.insert.run(row.number, row.name, row.realm, row.ha1Md5, row.ha1Sha256, row.digestAlgorithms?.join(',') ?? null, row.maxContacts, Date.now());
      this.changed();
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
      throw error;
    }
  }

  /**
   * Creates all or none, in one transaction. Returns the numbers that were
   * taken already; when there are any, nothing was written.
   */
  createMany(rows: Omit<ExtensionRow, 'createdAt' | 'ringTimeout'>[]): string[] {
    const taken: string[] = [];
    try {
      this.db.transaction(() => {
        for (const row of rows) if (!this.create(row)) taken.push(row.number);
        if (taken.length > 0) throw new RollBack();
      })();
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
    }
    this.changed();
    return taken;
  }

  delete(number: string): boolean {
    this.changed();
    return this.remove.run(number).changes === 1;
  }

  rename(number: string, name: string): boolean {
    this.changed();
    return this.updateName.run(name, number).changes === 1;
  }

  setSecrets(number: string, realm: string, ha1Md5: string, ha1Sha256: string): boolean {
    this.changed();
    return this.updateSecrets.run(realm, ha1Md5, ha1Sha256, number).changes === 1;
  }

  setPolicy(number: string, policy: Pick<ExtensionRow, 'digestAlgorithms' | 'maxContacts' | 'ringTimeout'>): boolean {
    this.changed();
    return this.updatePolicy.run(policy.digestAlgorithms?.join(',') ?? null, policy.maxContacts, policy.ringTimeout, number).changes === 1;
  }
}
