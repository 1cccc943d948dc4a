import {
  dialPolicySchema,
  inboundRouteSchema,
  outboundRouteSchema,
  type DialPolicy,
  type InboundDestination,
  type InboundRoute,
  type OutboundRoute,
} from '../../../shared/routing';
import type { Db } from './database';

interface OutboundRow {
  name: string;
  enabled: number;
  patterns: string;
  prepend: string;
  trunks: string;
  callerId: string | null;
}

interface InboundRow {
  did: string;
  trunk: string;
  destination: string;
}

interface PolicyRow {
  internationalAllowList: string;
  internationalExtensions: string;
}

/** '' in the file stands for "from any trunk", so (did, trunk) can be the key. */
const ANY_TRUNK = '';

function outboundFromRow(r: OutboundRow): OutboundRoute {
  return {
    name: r.name,
    enabled: r.enabled === 1,
    patterns: JSON.parse(r.patterns) as string[],
    prepend: r.prepend,
    trunks: JSON.parse(r.trunks) as string[],
    ...(r.callerId === null ? {} : { callerId: r.callerId }),
  };
}

function inboundFromRow(r: InboundRow): InboundRoute {
  return {
    did: r.did,
    ...(r.trunk === ANY_TRUNK ? {} : { trunk: r.trunk }),
    destination: JSON.parse(r.destination) as InboundDestination,
  };
}

/**
 * Outbound routes (tried in an explicit order), inbound routes (by called
 * number and optionally trunk), and the dial policy. Only persistence: what a
 * call does with them is the routing logic's business. Writes are checked
 * against the shared schemas.
 */
export class RoutingRepository {
  private readonly selectOutbound;
  private readonly upsertOutbound;
  private readonly setPosition;
  private readonly deleteOutbound;
  private readonly selectInbound;
  private readonly upsertInbound;
  private readonly deleteInbound;
  private readonly selectPolicy;
  private readonly upsertPolicy;

  constructor(private readonly db: Db) {
    this.selectOutbound = db.prepare<[], OutboundRow>(
      'SELECT name, enabled, patterns, prepend, trunks, caller_id AS callerId FROM outbound_routes ORDER BY position, name',
    );
    this.upsertOutbound = db.prepare<[Record<string, unknown>]>(
      `INSERT INTO outbound_routes (name, position, enabled, patterns, prepend, trunks, caller_id)
       VALUES (@name, @position, @enabled, @patterns, @prepend, @trunks, @callerId)
       ON CONFLICT(name) DO UPDATE SET enabled = excluded.enabled, patterns = excluded.patterns, prepend = excluded.prepend,
         trunks = excluded.trunks, caller_id = excluded.caller_id`,
    );
    this.setPosition = db.prepare<[number, string]>('UPDATE outbound_routes SET position = ? WHERE name = ?');
    this.deleteOutbound = db.prepare<[string]>('DELETE FROM outbound_routes WHERE name = ?');
    this.selectInbound = db.prepare<[], InboundRow>('SELECT did, trunk, destination FROM inbound_routes ORDER BY did, trunk');
    this.upsertInbound = db.prepare<[string, string, string]>(
      'INSERT INTO inbound_routes (did, trunk, destination) VALUES (?, ?, ?) ON CONFLICT(did, trunk) DO UPDATE SET destination = excluded.destination',
    );
    this.deleteInbound = db.prepare<[string, string]>('DELETE FROM inbound_routes WHERE did = ? AND trunk = ?');
    this.selectPolicy = db.prepare<[], PolicyRow>(
      'SELECT international_allow_list AS internationalAllowList, international_extensions AS internationalExtensions FROM dial_policy WHERE id = 1',
    );
    this.upsertPolicy = db.prepare<[string, string]>(
      `INSERT INTO dial_policy (id, international_allow_list, international_extensions) VALUES (1, ?, ?)
       ON CONFLICT(id) DO UPDATE SET international_allow_list = excluded.international_allow_list,
         international_extensions = excluded.international_extensions`,
    );
  }

  /** In the order they are tried. */
  listOutbound(): OutboundRoute[] {
    return this.selectOutbound.all().map(outboundFromRow);
  }

  /**
   * Adds or replaces a route. `position` (0 = tried first) moves it there;
   * without one, a route keeps its place and a new route goes last.
   */
  saveOutbound(route: OutboundRoute, position?: number): void {
    const valid = outboundRouteSchema.parse(route);
    this.db.transaction(() => {
      const order = this.selectOutbound.all().map((r) => r.name);
      const current = order.indexOf(valid.name);
      this.upsertOutbound.run({
        name: valid.name,
        position: order.length,
        enabled: valid.enabled ? 1 : 0,
        patterns: JSON.stringify(valid.patterns),
        prepend: valid.prepend,
        trunks: JSON.stringify(valid.trunks),
        callerId: valid.callerId ?? null,
      });
      if (current === -1) order.push(valid.name);
      if (position !== undefined) {
        order.splice(order.indexOf(valid.name), 1);
        order.splice(Math.max(0, Math.min(position, order.length)), 0, valid.name);
      }
      this.renumber(order);
    })();
  }

  removeOutbound(name: string): boolean {
    return this.db.transaction(() => {
      const removed = this.deleteOutbound.run(name).changes === 1;
      if (removed) this.renumber(this.selectOutbound.all().map((r) => r.name));
      return removed;
    })();
  }

  /** Positions 0..n-1 with no gaps, so the order on disk is the order shown. */
  private renumber(order: readonly string[]): void {
    order.forEach((name, index) => this.setPosition.run(index, name));
  }

  listInbound(): InboundRoute[] {
    return this.selectInbound.all().map(inboundFromRow);
  }

  /** Adds or replaces the route for this called number (and trunk, when it names one). */
  saveInbound(route: InboundRoute): void {
    const valid = inboundRouteSchema.parse(route);
    this.upsertInbound.run(valid.did, valid.trunk ?? ANY_TRUNK, JSON.stringify(valid.destination));
  }

  removeInbound(did: string, trunk?: string): boolean {
    return this.deleteInbound.run(did, trunk ?? ANY_TRUNK).changes === 1;
  }

  getDialPolicy(): DialPolicy {
    const row = this.selectPolicy.get();
    // Nothing abroad until someone allows it.
    if (!row) return { internationalAllowList: [], internationalExtensions: [] };
    return {
      internationalAllowList: JSON.parse(row.internationalAllowList) as string[],
      internationalExtensions: JSON.parse(row.internationalExtensions) as string[],
    };
  }

  setDialPolicy(policy: DialPolicy): void {
    const valid = dialPolicySchema.parse(policy);
    this.upsertPolicy.run(JSON.stringify(valid.internationalAllowList), JSON.stringify(valid.internationalExtensions));
  }
}
