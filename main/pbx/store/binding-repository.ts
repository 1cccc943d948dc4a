import type { Binding } from '../registrar/binding';
import type { TransportProtocol } from '../sip/transport/flow';
import type { Db } from './database';

interface Row {
  id: number;
  extension: string;
  contactUri: string;
  contactParams: string;
  q: number | null;
  expiresAt: number;
  registeredAt: number;
  callId: string;
  cseq: number;
  instanceId: string | null;
  regId: number | null;
  protocol: string;
  sourceAddress: string;
  sourcePort: number;
  localAddress: string;
  localPort: number;
  userAgent: string;
}

/**
 * Registrar bindings on disk. Ids are given by the location service, so a
 * batch of changes is a list of upserts and deletes by id, written in one
 * transaction (group commit).
 */
export class BindingRepository {
  private readonly upsertStatement;
  private readonly deleteStatement;
  private readonly selectLive;
  private readonly purgeStatement;
  private readonly maxIdStatement;

  constructor(private readonly db: Db) {
    this.upsertStatement = db.prepare(
      `INSERT INTO bindings (id, extension, contact_uri, contact_params, q, expires_at, registered_at, call_id, cseq, instance_id, reg_id,
         protocol, source_address, source_port, local_address, local_port, user_agent)
       VALUES (@id, @extension, @contactUri, @contactParams, @q, @expiresAt, @registeredAt, @callId, @cseq, @instanceId, @regId,
         @protocol, @sourceAddress, @sourcePort, @localAddress, @localPort, @userAgent)
       ON CONFLICT(id) DO UPDATE SET contact_uri = excluded.contact_uri, contact_params = excluded.contact_params, q = excluded.q,
         expires_at = excluded.expires_at, call_id = excluded.call_id, cseq = excluded.cseq, protocol = excluded.protocol,
         source_address = excluded.source_address, source_port = excluded.source_port, local_address = excluded.local_address,
         local_port = excluded.local_port, user_agent = excluded.user_agent`,
    );
    this.deleteStatement = db.prepare<[number]>('DELETE FROM bindings WHERE id = ?');
    this.selectLive = db.prepare<[number], Row>(
      `SELECT id, extension, contact_uri AS contactUri, contact_params AS contactParams, q, expires_at AS expiresAt,
         registered_at AS registeredAt, call_id AS callId, cseq, instance_id AS instanceId, reg_id AS regId, protocol,
         source_address AS sourceAddress, source_port AS sourcePort, local_address AS localAddress, local_port AS localPort,
         user_agent AS userAgent
       FROM bindings WHERE expires_at > ?`,
    );
    this.purgeStatement = db.prepare<[number]>('DELETE FROM bindings WHERE expires_at <= ?');
    this.maxIdStatement = db.prepare<[], number | null>('SELECT max(id) FROM bindings').pluck();
  }

  maxId(): number {
    return (this.maxIdStatement.get() as number | null) ?? 0;
  }

  /** Writes a batch in one transaction: each id's last state wins. */
  write(upserts: Iterable<Binding>, deletes: Iterable<number>): void {
    this.db.transaction(() => {
      for (const id of deletes) this.deleteStatement.run(id);
      for (const b of upserts) {
        this.upsertStatement.run({
          id: b.id,
          extension: b.extension,
          contactUri: b.contactUri,
          contactParams: b.contactParams,
          q: b.q ?? null,
          expiresAt: b.expiresAt,
          registeredAt: b.registeredAt,
          callId: b.callId,
          cseq: b.cseq,
          instanceId: b.instanceId ?? null,
          regId: b.regId ?? null,
          protocol: b.protocol,
          sourceAddress: b.sourceAddress,
          sourcePort: b.sourcePort,
          localAddress: b.localAddress,
          localPort: b.localPort,
          userAgent: b.userAgent,
        });
      }
    })();
  }

  loadLive(now: number): Binding[] {
    return this.selectLive.all(now).map((r) => ({
      ...r,
      q: r.q ?? undefined,
      instanceId: r.instanceId ?? undefined,
      regId: r.regId ?? undefined,
      protocol: r.protocol as TransportProtocol,
      connectionId: undefined,
    }));
  }

  purgeExpired(now: number): number {
    return this.purgeStatement.run(now).changes;
  }
}
