import { trunkSchema, type Trunk, type TrunkView } from '../../../shared/trunks';
import type { Db } from './database';

interface Row {
  name: string;
  template: string;
  displayName: string;
  enabled: number;
  authType: Trunk['authType'];
  server: string;
  port: number;
  transport: Trunk['transport'];
  username: string | null;
  authUsername: string | null;
  password: string | null;
  fromUser: string | null;
  fromDomain: string | null;
  register: number;
  registrationExpires: number;
  codecs: string;
  dtmfMode: Trunk['dtmfMode'];
  callerIdMode: Trunk['callerIdMode'];
  outboundCallerId: string | null;
  inboundAddresses: string;
  qualify: number;
  qualifyIntervalSeconds: number;
  maxChannels: number;
}

const COLUMNS = `name, template, display_name AS displayName, enabled, auth_type AS authType, server, port, transport, username,
  auth_username AS authUsername, password, from_user AS fromUser, from_domain AS fromDomain, register,
  registration_expires AS registrationExpires, codecs, dtmf_mode AS dtmfMode, caller_id_mode AS callerIdMode,
  outbound_caller_id AS outboundCallerId, inbound_addresses AS inboundAddresses, qualify,
  qualify_interval_seconds AS qualifyIntervalSeconds, max_channels AS maxChannels`;

/** Optional text columns: NULL in the file, absent in the object (exactOptionalPropertyTypes-friendly). */
function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}

function fromRow(r: Row): Trunk {
  return {
    name: r.name,
    template: r.template,
    displayName: r.displayName,
    enabled: r.enabled === 1,
    authType: r.authType,
    server: r.server,
    port: r.port,
    transport: r.transport,
    ...optional('username', r.username),
    ...optional('authUsername', r.authUsername),
    ...optional('password', r.password),
    ...optional('fromUser', r.fromUser),
    ...optional('fromDomain', r.fromDomain),
    register: r.register === 1,
    registrationExpires: r.registrationExpires,
    codecs: JSON.parse(r.codecs) as string[],
    dtmfMode: r.dtmfMode,
    callerIdMode: r.callerIdMode,
    ...optional('outboundCallerId', r.outboundCallerId),
    inboundAddresses: JSON.parse(r.inboundAddresses) as string[],
    qualify: r.qualify === 1,
    qualifyIntervalSeconds: r.qualifyIntervalSeconds,
    maxChannels: r.maxChannels,
  };
}

/** What the contract may show: everything but the password. */
export function toTrunkView(trunk: Trunk): TrunkView {
  const { password, ...rest } = trunk;
  return { ...rest, hasPassword: password !== undefined && password !== '' };
}

function params(trunk: Trunk, now: number): Record<string, unknown> {
  return {
    ...trunk,
    enabled: trunk.enabled ? 1 : 0,
    username: trunk.username ?? null,
    authUsername: trunk.authUsername ?? null,
    password: trunk.password ?? null,
    fromUser: trunk.fromUser ?? null,
    fromDomain: trunk.fromDomain ?? null,
    register: trunk.register ? 1 : 0,
    codecs: JSON.stringify(trunk.codecs),
    outboundCallerId: trunk.outboundCallerId ?? null,
    inboundAddresses: JSON.stringify(trunk.inboundAddresses),
    qualify: trunk.qualify ? 1 : 0,
    now,
  };
}

/**
 * SIP trunks. The password is stored as given, because our digest client must
 * answer the provider's challenges with it; `list()` and `view()` leave it out
 * (TrunkView), and only `get()` (for the engine) returns it. Every write is
 * checked against trunkSchema, so what is read back always conforms.
 */
export class TrunkRepository {
  private readonly selectOne;
  private readonly selectAll;
  private readonly insert;
  private readonly replace;
  private readonly remove;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.selectOne = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM trunks WHERE name = ?`);
    this.selectAll = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM trunks ORDER BY name`);
    const values = `@template, @displayName, @enabled, @authType, @server, @port, @transport, @username, @authUsername, @password,
      @fromUser, @fromDomain, @register, @registrationExpires, @codecs, @dtmfMode, @callerIdMode, @outboundCallerId, @inboundAddresses,
      @qualify, @qualifyIntervalSeconds, @maxChannels`;
    this.insert = db.prepare<[Record<string, unknown>]>(
      `INSERT INTO trunks (name, template, display_name, enabled, auth_type, server, port, transport, username, auth_username, password,
         from_user, from_domain, register, registration_expires, codecs, dtmf_mode, caller_id_mode, outbound_caller_id, inbound_addresses,
         qualify, qualify_interval_seconds, max_channels, created_at, updated_at)
       VALUES (@name, ${values}, @now, @now)`,
    );
    this.replace = db.prepare<[Record<string, unknown>]>(
      `UPDATE trunks SET (template, display_name, enabled, auth_type, server, port, transport, username, auth_username, password,
         from_user, from_domain, register, registration_expires, codecs, dtmf_mode, caller_id_mode, outbound_caller_id, inbound_addresses,
         qualify, qualify_interval_seconds, max_channels, updated_at) = (${values}, @now)
       WHERE name = @name`,
    );
    this.remove = db.prepare<[string]>('DELETE FROM trunks WHERE name = ?');
  }

  /** With the password: for the engine's registration and digest client only. */
  get(name: string): Trunk | undefined {
    const row = this.selectOne.get(name);
    return row && fromRow(row);
  }

  view(name: string): TrunkView | undefined {
    const trunk = this.get(name);
    return trunk && toTrunkView(trunk);
  }

  list(): TrunkView[] {
    return this.selectAll.all().map((row) => toTrunkView(fromRow(row)));
  }

  /** Every trunk with its password: for the engine's trunk manager only. */
  all(): Trunk[] {
    return this.selectAll.all().map(fromRow);
  }

  /** False when the name is taken. */
  create(trunk: Trunk): boolean {
    const valid = trunkSchema.parse(trunk);
    try {
      this.insert.run(params(valid, this.now()));
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
      throw error;
    }
  }

  /** Replaces every field, the password too (undefined clears it); false when there is no such trunk. */
  update(trunk: Trunk): boolean {
    return this.replace.run(params(trunkSchema.parse(trunk), this.now())).changes === 1;
  }

  delete(name: string): boolean {
    return this.remove.run(name).changes === 1;
  }
}
