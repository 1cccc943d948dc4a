import type { Db } from './database';

/**
 * Schema versions, in order. A migration never changes once it has shipped:
 * add a new one. PRAGMA user_version records how far a file has come.
 */
const MIGRATIONS: readonly string[] = [
  // 1: settings, accounts of the web UI, their sessions
  `CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;
   CREATE TABLE users (
     id INTEGER PRIMARY KEY,
     username TEXT NOT NULL UNIQUE COLLATE NOCASE,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
     created_at INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE web_sessions (
     token_hash TEXT PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX web_sessions_expiry ON web_sessions(expires_at);`,
  // 2: extensions (only HA1 digests, never passwords) and registrar bindings. Bindings have
  // no secondary index on purpose: every refresh rewrites expires_at, and an index on it
  // would double the pages each commit writes; the only scans (load, purge) are rare.
  `CREATE TABLE extensions (
     number TEXT PRIMARY KEY,
     name TEXT NOT NULL DEFAULT '',
     realm TEXT NOT NULL,
     ha1_md5 TEXT NOT NULL,
     ha1_sha256 TEXT NOT NULL,
     digest_algorithms TEXT,
     max_contacts INTEGER NOT NULL DEFAULT 5,
     created_at INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE bindings (
     id INTEGER PRIMARY KEY,
     extension TEXT NOT NULL REFERENCES extensions(number) ON DELETE CASCADE,
     contact_uri TEXT NOT NULL,
     contact_params TEXT NOT NULL,
     q REAL,
     expires_at INTEGER NOT NULL,
     registered_at INTEGER NOT NULL,
     call_id TEXT NOT NULL,
     cseq INTEGER NOT NULL,
     instance_id TEXT,
     reg_id INTEGER,
     protocol TEXT NOT NULL,
     source_address TEXT NOT NULL,
     source_port INTEGER NOT NULL,
     local_address TEXT NOT NULL,
     local_port INTEGER NOT NULL,
     user_agent TEXT NOT NULL DEFAULT ''
   ) STRICT;
   CREATE TABLE engine_state (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;`,
  // 3: call records, and how long an extension rings
  `ALTER TABLE extensions ADD COLUMN ring_timeout INTEGER NOT NULL DEFAULT 30;
   CREATE TABLE call_records (
     id INTEGER PRIMARY KEY,
     call_id TEXT NOT NULL,
     caller TEXT NOT NULL,
     caller_name TEXT NOT NULL,
     callee TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     answered_at INTEGER,
     ended_at INTEGER NOT NULL,
     duration_ms INTEGER NOT NULL,
     disposition TEXT NOT NULL,
     hangup_cause TEXT NOT NULL,
     hangup_side TEXT NOT NULL,
     codec TEXT,
     caller_packets_sent INTEGER NOT NULL,
     caller_packets_received INTEGER NOT NULL,
     caller_packets_lost INTEGER NOT NULL,
     callee_packets_sent INTEGER NOT NULL,
     callee_packets_received INTEGER NOT NULL,
     callee_packets_lost INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX call_records_started ON call_records(started_at);
   CREATE INDEX call_records_caller ON call_records(caller, started_at);
   CREATE INDEX call_records_callee ON call_records(callee, started_at);`,
  // 4: SIP trunks (the password as given: a digest client needs it), outbound routes in an
  // explicit order, inbound routes by called number, and the one dial policy row.
  // Arrays are JSON text. An inbound route for any trunk has trunk '' so UNIQUE holds.
  `CREATE TABLE trunks (
     name TEXT PRIMARY KEY,
     template TEXT NOT NULL,
     display_name TEXT NOT NULL,
     enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
     auth_type TEXT NOT NULL CHECK (auth_type IN ('credential', 'ip')),
     server TEXT NOT NULL,
     port INTEGER NOT NULL,
     transport TEXT NOT NULL CHECK (transport IN ('udp', 'tcp', 'tls')),
     username TEXT,
     auth_username TEXT,
     password TEXT,
     from_user TEXT,
     from_domain TEXT,
     register INTEGER NOT NULL CHECK (register IN (0, 1)),
     registration_expires INTEGER NOT NULL,
     codecs TEXT NOT NULL,
     dtmf_mode TEXT NOT NULL,
     caller_id_mode TEXT NOT NULL,
     outbound_caller_id TEXT,
     inbound_addresses TEXT NOT NULL,
     qualify INTEGER NOT NULL CHECK (qualify IN (0, 1)),
     qualify_interval_seconds INTEGER NOT NULL,
     max_channels INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE outbound_routes (
     name TEXT PRIMARY KEY,
     position INTEGER NOT NULL,
     enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
     patterns TEXT NOT NULL,
     prepend TEXT NOT NULL,
     trunks TEXT NOT NULL,
     caller_id TEXT
   ) STRICT;
   CREATE TABLE inbound_routes (
     did TEXT NOT NULL,
     trunk TEXT NOT NULL DEFAULT '',
     destination TEXT NOT NULL,
     PRIMARY KEY (did, trunk)
   ) STRICT;
   CREATE TABLE dial_policy (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     international_allow_list TEXT NOT NULL,
     international_extensions TEXT NOT NULL
   ) STRICT;`,
  // 5: contacts: the company's (owner NULL, kept by administrators) and each person's own
  `CREATE TABLE contacts (
     id INTEGER PRIMARY KEY,
     owner TEXT,
     name TEXT NOT NULL,
     number TEXT NOT NULL,
     company TEXT NOT NULL DEFAULT '',
     email TEXT NOT NULL DEFAULT '',
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX contacts_owner ON contacts(owner);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function applyMigrations(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The data file has schema version ${current}, newer than this Dialtone (${MIGRATIONS.length}). Use a newer Dialtone or another --data-dir.`,
    );
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version - 1] as string;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
